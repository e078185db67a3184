import Foundation
import ImageCodecs
import ImageCore
import ImageOps
import ImagePipeline
import Testing
import TestSupport

@Suite struct MaskJobTests {
    static let openAI = MaskRules(convention: .openai, maxBytes: 4_000_000, limitName: "OpenAI masks")

    static func noise(_ width: Int, _ height: Int, seed: UInt64) -> Mask {
        var generator = SplitMix64(seed: seed)
        return Mask(width: width, height: height, coverage: (0..<(width * height)).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    @Test func anOversizedOpenAIMaskIsRecompressedThenRefused() throws {
        // Noise alpha does not compress: 2200×2200 of it stays above 4 MB at any level.
        #expect(try MaskJob.encode(Self.noise(600, 400, seed: 1), rules: Self.openAI).count < 4_000_000)
        do {
            _ = try MaskJob.encode(Self.noise(2200, 2200, seed: 2), rules: Self.openAI)
            Issue.record("a 2200×2200 noise mask was accepted")
        } catch let error as PipelineError {
            guard case .outputTooLarge(let bytes, let limit, let what) = error else { Issue.record("\(error)"); return }
            #expect(bytes > limit && limit == 4_000_000 && what == "OpenAI masks")
        }
        // Without a limit (white convention, or a provider without one) nothing is refused.
        #expect(try MaskJob.encode(Self.noise(2200, 2200, seed: 2), rules: MaskRules(convention: .white)).count > 4_000_000)
    }

    @Test func aBlurOnlyRecipeOnAMaskStaysEightBitAndMatchesTheFloatPath() throws {
        var base = Mask(width: 64, height: 48)
        for y in 10..<30 { for x in 12..<40 { base[x, y] = 255 } }
        let recipe = MaskRecipe(feather: MaskRecipe.Feather(radius: 8))
        #expect(recipe.isBlurOnly)
        let (eightBit, plane) = try recipe.apply(size: base.size, base: base)
        #expect(plane == nil)
        // The same blur of a Float plane.
        let viaFloat = CoveragePlane(base).blurred(sigma: FeatherCompatibility.retouch.sigma(radius: 8)).mask
        var worst = 0
        for i in 0..<(64 * 48) { worst = max(worst, abs(Int(eightBit.bytes[i]) - Int(viaFloat.bytes[i]))) }
        #expect(eightBit != base)
        #expect(worst <= 1)
    }

    @Test func theJobWritesTheRulesConventionAndReportsTheSelection() throws {
        try withTemporaryDirectory { directory in
            let output = directory.appendingPathComponent("m.png").path
            let recipe = MaskRecipe(shapes: [MaskShape(.rect(x: .pixels(10), y: .pixels(5), width: .pixels(20), height: .pixels(10), cornerRadius: .pixels(0)))])
            let report = try MaskJob.run(MaskJobOptions(size: PixelSize(width: 40, height: 30), recipe: recipe, rules: Self.openAI, outputPath: output))
            #expect(report.statistics.selectedPixels == 200)
            #expect(report.statistics.boundingBox == PixelRect(x: 10, y: 5, width: 20, height: 10))
            let written = try ImageCodec.decode(try FileAccess.read(output)).pixels
            #expect(written.format == .rgba8 && written[15, 10][3] == 0 && written[0, 0][3] == 255)
            // Under the alpha, the edit area is white and the kept area black (a viewer
            // that ignores alpha shows the mask, not a black square).
            #expect(written[15, 10] == [255, 255, 255, 0] && written[0, 0] == [0, 0, 0, 255])
            #expect(try MaskImport.read(output).convention == .openai)
        }
    }

    /// Masks are data: a grey mask carrying a γ 2.2 grey profile reads with its own
    /// numbers (converting it to sRGB would move 128 to 130).
    @Test func aMaskWithAProfileIsNotColourConverted() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("m.png").path
            let profile = [UInt8](try Data(contentsOf: Paths.fixtures.appendingPathComponent("icc/gray-gamma-2.2.icc")))
            let grey = PixelBuffer(width: 4, height: 1, bytesPerRow: 4, format: .gray8, bytes: [0, 64, 128, 255])
            try FileAccess.write(try ImageCodec.encode(grey, options: .png(PNGEncodingOptions(iccProfile: profile))), to: path)
            #expect(try MaskImport.read(path, channel: .luma).mask.bytes == [0, 64, 128, 255])
        }
    }

    @Test func aStartMaskOfTheWrongSizeNamesItsFile() throws {
        try withTemporaryDirectory { directory in
            let from = directory.appendingPathComponent("from.png").path
            try FileAccess.write(try ImageCodec.encode(Mask(width: 30, height: 20).grayBuffer, options: .png(.default)), to: from)
            do {
                _ = try MaskJob.run(MaskJobOptions(size: PixelSize(width: 40, height: 30), fromPath: from, rules: Self.openAI,
                                                   outputPath: directory.appendingPathComponent("m.png").path))
                Issue.record("no error")
            } catch let error as FileError {
                #expect(error.path == from)
                #expect(error.underlying as? OperationError == .sizeMismatch(what: "the start mask", size: PixelSize(width: 30, height: 20),
                                                                              expected: PixelSize(width: 40, height: 30), of: "the canvas"))
            }
        }
    }
}
