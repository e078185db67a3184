import Foundation
import ImageCodecs
import ImageCore
import ImageOps
import Testing
import TestSupport

@Suite struct DiffCommandTests {
    static let coffee = Paths.fixtures.appendingPathComponent("inputs/coffee.png").path

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func write(_ image: PixelBuffer, _ path: String) throws {
        try Data(try ImageCodec.encode(image, options: .png(.default))).write(to: URL(fileURLWithPath: path))
    }

    @Test func identicalImagesExitZeroWithNothingChanged() async throws {
        let result = await runInProcess(["diff", Self.coffee, Self.coffee, "--json", "--max", "changedPixels=0"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try Self.json(result.stdout)
        #expect(report["changedPixels"] as? Int == 0 && report["pixelmatch"] as? Int == 0)
        #expect(report["psnr"] is NSNull)
        for key in ["a", "b", "width", "height", "psnr", "ssim", "deltaE2000", "changedPixels", "changedFraction", "pixelmatch", "alignment", "regions", "verdict"] {
            #expect(report[key] != nil, "missing \(key)")
        }
        let verdict = try #require(report["verdict"] as? [String: Any])
        #expect(verdict["ok"] as? Bool == true)
    }

    @Test func differentSizesExit65NamingBoth() async throws {
        try await withTemporaryDirectory { directory in
            let small = directory.appendingPathComponent("small.png").path
            try Self.write(try decodedFile(Self.coffee).resized(to: PixelSize(width: 300, height: 200)), small)
            let result = await runInProcess(["diff", Self.coffee, small])
            #expect(result.status == 65)
            #expect(result.stderr.contains("600x400") && result.stderr.contains("300x200") && result.stderr.contains("--resize-b"), "\(result.stderr)")
            let resized = await runInProcess(["diff", Self.coffee, small, "--resize-b", "--json"])
            #expect(resized.status == 0, "\(resized.stderr)")
            #expect(try Self.json(resized.stdout)["width"] as? Int == 600)
            #expect(!resized.stderr.contains("warning"), "same ratio: \(resized.stderr)")
            // Another aspect ratio is distorted by the resample: said on stderr.
            let square = directory.appendingPathComponent("square.png").path
            try Self.write(try decodedFile(Self.coffee).resized(to: PixelSize(width: 300, height: 300)), square)
            let stretched = await runInProcess(["diff", Self.coffee, square, "--resize-b"])
            #expect(stretched.status == 0)
            #expect(stretched.stderr.contains("warning: \(square): --resize-b stretched B from 300x300 to A's 600x400: their aspect ratios differ by 33 %"), "\(stretched.stderr)")
        }
    }

    /// The heatmap's outline sits on the edge of `inside` (coverage > 0): a mask whose
    /// only selected pixels have coverage 40 (< 50 %) is outlined, and no pixel outside
    /// the outline's 2-px band of the 20×10 block is cyan.
    @Test func theHeatmapOutlineMarksWhatInsideCounts() async throws {
        try await withTemporaryDirectory { directory in
            var mask = PixelBuffer(width: 600, height: 400, format: .gray8)
            for y in 100..<110 { for x in 200..<220 { mask[x, y] = [40] } }
            let maskPath = directory.appendingPathComponent("m.png").path, heatmap = directory.appendingPathComponent("h.png").path
            try Self.write(mask, maskPath)
            let result = await runInProcess(["diff", Self.coffee, Self.coffee, "--mask", maskPath, "--mask-channel", "luma", "--heatmap", heatmap, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            let inside = try #require((try Self.json(result.stdout)["regions"] as? [String: Any])?["inside"] as? [String: Any])
            #expect(inside["pixels"] as? Int == 200)
            let picture = try decodedFile(heatmap)
            #expect(picture[200, 100] == [0, 220, 255, 255] && picture[219, 109] == [0, 220, 255, 255])
            #expect(picture[210, 90] != [0, 220, 255, 255])
        }
    }

    @Test func budgetsFailWithTheirActualValues() async throws {
        try await withTemporaryDirectory { directory in
            let edited = directory.appendingPathComponent("edited.png").path
            var image = try decodedFile(Self.coffee)
            for y in 100..<140 { for x in 200..<260 { image[x, y] = [0, 200, 0, 255] } }
            try Self.write(image, edited)
            let mask = directory.appendingPathComponent("mask.png").path
            #expect(await runInProcess(["mask", "--size", "600x400", "--rect", "190,90,80,60", "-o", mask]).status == 0)
            let result = await runInProcess(["diff", Self.coffee, edited, "--mask", mask, "--json",
                                             "--max", "outside.changedFraction=0", "--max", "changedFraction=0.001", "--min", "ssim=0.5"])
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.contains("changedFraction = 0.01 is above the maximum 0.001"), "\(result.stderr)")
            #expect(!result.stderr.contains("outside.changedFraction"))
            let report = try Self.json(result.stdout)
            let regions = try #require(report["regions"] as? [String: Any])
            let outside = try #require(regions["outside"] as? [String: Any]), inside = try #require(regions["inside"] as? [String: Any])
            #expect(outside["changedPixels"] as? Int == 0)
            #expect(inside["changedPixels"] as? Int == 2400 && inside["pixels"] as? Int == 4800)
            let verdict = try #require(report["verdict"] as? [String: Any])
            #expect(verdict["ok"] as? Bool == false && (verdict["violations"] as? [String])?.count == 1)
            let unknown = await runInProcess(["diff", Self.coffee, edited, "--max", "sharpness=1"])
            #expect(unknown.status == 64 && unknown.stderr.contains("budget key sharpness"))
        }
    }

    @Test func picturesAreWritten() async throws {
        try await withTemporaryDirectory { directory in
            let jpeg = directory.appendingPathComponent("q30.jpg").path
            #expect(await runInProcess(["convert", Self.coffee, "-o", jpeg, "--quality", "30"]).status == 0)
            let heatmap = directory.appendingPathComponent("heat.png").path, side = directory.appendingPathComponent("side.png").path
            let diff = directory.appendingPathComponent("diff.png").path
            let result = await runInProcess(["diff", Self.coffee, jpeg, "--heatmap", heatmap, "--side-by-side", side, "--diff-image", diff])
            #expect(result.status == 0, "\(result.stderr)")
            let heat = try decodedFile(heatmap)
            #expect(heat.width == 600 && heat.height > 400, "the legend sits below the image")
            let sideBySide = try decodedFile(side)
            #expect(sideBySide.width > 1800 && sideBySide.height > heat.height)
            let picture = try decodedFile(diff)
            #expect(picture.size == PixelSize(width: 600, height: 400))
        }
    }

    /// pixelmatch's own fixture through the command: the v7.2.0 count and picture.
    @Test(.requiresConformance) func diffImageMatchesPixelmatch() async throws {
        try await withTemporaryDirectory { directory in
            let output = directory.appendingPathComponent("1diff.png").path
            let a = Conformance.url("pixelmatch/inputs/1a.png").path, b = Conformance.url("pixelmatch/inputs/1b.png").path
            let result = await runInProcess(["diff", a, b, "--threshold", "0.05", "--diff-image", output, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Self.json(result.stdout)["pixelmatch"] as? Int == 143)
            let ours = try decodedFile(output)
            let expected = try ImageCodec.decode(try Conformance.bytes("pixelmatch/expected/v7.2.0/1diff.png")).pixels.converted(to: .rgba8)
            #expect(ours == expected)
        }
    }
}
