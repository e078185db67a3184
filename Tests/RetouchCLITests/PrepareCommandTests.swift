import Foundation
import ImageCodecs
import ImageCore
import Testing
import TestSupport

@Suite struct PrepareCommandTests {
    static let coffee = Paths.fixtures.appendingPathComponent("inputs/coffee.png").path

    @Test func jsonReportHasTheDocumentedShape() async throws {
        try await withTemporaryDirectory { directory in
            let output = directory.appendingPathComponent("out.jpg").path
            let result = await runInProcess(["prepare", Self.coffee, "-o", output, "--for", "gpt-image-2", "--channel", "instagram-portrait", "--json", "--quality", "85"])
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            for key in ["input", "crop", "pad", "scale", "output", "model", "gravity"] { #expect(object[key] != nil, "missing \(key)") }
            let outputInfo = try #require(object["output"] as? [String: Any])
            #expect(outputInfo["format"] as? String == "jpeg")
            let width = try #require(outputInfo["width"] as? Int), height = try #require(outputInfo["height"] as? Int)
            #expect(width % 16 == 0 && height % 16 == 0)
            #expect(abs(Double(width) / Double(height) - 0.8) < 0.02)
            let model = try #require(object["model"] as? [String: Any])
            #expect(model["id"] as? String == "gpt-image-2" && model["valid"] as? Bool == true)
            let decoded = try ImageCodec.readMetadata([UInt8](try Data(contentsOf: URL(fileURLWithPath: output))))
            #expect(decoded.width == width && decoded.height == height)
        }
    }

    @Test func impossibleSizeNamesTheRuleAndNearestSizes() async throws {
        try await withTemporaryDirectory { directory in
            let result = await runInProcess(["prepare", Self.coffee, "-o", directory.appendingPathComponent("x.png").path, "--size", "1000x1000", "--for", "gpt-image-2"])
            #expect(result.status == 64)
            #expect(result.stderr.contains("multiples of 16"), "\(result.stderr)")
            #expect(result.stderr.contains("nearest valid sizes: "), "\(result.stderr)")
        }
    }

    /// A mask of the wrong size is the mask's fault: the message names the mask file (65).
    @Test func aMaskOfTheWrongSizeIsBlamedOnTheMask() async throws {
        try await withTemporaryDirectory { directory in
            let cutout = FixtureFiles.path("inputs/coffee-cutout-300x200.webp")
            let result = await runInProcess(["prepare", Self.coffee, "-o", directory.appendingPathComponent("x.png").path, "--mask", cutout])
            #expect(result.status == 65)
            #expect(result.stderr.hasPrefix("error: \(cutout): the mask is 300x200 but the upright image \(Self.coffee) is 600x400"), "\(result.stderr)")
        }
    }

    /// A retired model is unavailable (69), not a usage error, and not the photo's fault.
    @Test func retiredModelNamesItsReplacement() async throws {
        try await withTemporaryDirectory { directory in
            let result = await runInProcess(["prepare", Self.coffee, "-o", directory.appendingPathComponent("x.png").path, "--for", "dall-e-2"])
            #expect(result.status == 69)
            #expect(result.stderr == "error: model dall-e-2 was retired on 2026-05-12; use gpt-image-2 instead\n")
            #expect(result.stderr.contains("retired on 2026-05-12; use gpt-image-2 instead"), "\(result.stderr)")
        }
    }

    @Test func maskIsWrittenBesideTheOutputInItsConvention() async throws {
        try await withTemporaryDirectory { directory in
            var mask = PixelBuffer(width: 600, height: 400, format: .rgba8)
            for y in 0..<400 { for x in 0..<600 { mask[x, y] = [0, 0, 0, (x > 300 && y > 100) ? 0 : 255] } }
            let maskPath = directory.appendingPathComponent("mask.png")
            try Data(try ImageCodec.encode(mask, options: .png(PNGEncodingOptions(reduceChannels: false)))).write(to: maskPath)
            let output = directory.appendingPathComponent("up.png").path
            let result = await runInProcess(["prepare", Self.coffee, "-o", output, "--for", "gpt-image-1.5", "--mask", maskPath.path])
            #expect(result.status == 0, "\(result.stderr)")
            let written = try ImageCodec.decode([UInt8](try Data(contentsOf: directory.appendingPathComponent("up-mask.png"))))
            #expect(written.pixels.size == PixelSize(width: 1536, height: 1024))
            #expect(written.metadata.hasAlphaChannel)
            #expect(written.pixels[1400, 900][3] == 0)   // edit area stays alpha 0
            #expect(written.pixels[100, 50][3] == 255)
        }
    }

    @Test func channelsListsTwelvePresets() async throws {
        let result = await runInProcess(["channels", "--json"])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 12)
        #expect(array.contains { $0["id"] as? String == "amazon-main" && $0["width"] as? Int == 2000 })
    }

    @Test func resizeByWidthKeepsTheWholeFrame() async throws {
        try await withTemporaryDirectory { directory in
            let output = directory.appendingPathComponent("small.webp").path
            let result = await runInProcess(["resize", Self.coffee, "-o", output, "--width", "150", "--lossless"])
            #expect(result.status == 0, "\(result.stderr)")
            let decoded = try ImageCodec.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: output))))
            #expect(decoded.pixels.size == PixelSize(width: 150, height: 100))
        }
    }
}
