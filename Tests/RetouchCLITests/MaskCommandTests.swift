import Foundation
import ImageCodecs
import ImageCore
import ImageOps
@testable import RetouchCLI
import Testing
import TestSupport

@Suite struct MaskCommandTests {
    static let coffee = Paths.fixtures.appendingPathComponent("inputs/coffee.png").path
    static let cutout = Paths.fixtures.appendingPathComponent("inputs/coffee-cutout-300x200.webp").path

    /// Usage messages say what is wrong: --like and --size exclude each other; a negative
    /// distance reaches the range check instead of "Missing value".
    @Test func usageErrorsNameTheRule() async {
        let both = await runInProcess(["mask", "--like", Self.coffee, "--size", "10x10", "-o", "/tmp/never.png"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--like and --size exclude each other"), "\(both.stderr)")
        for flag in ["--feather", "--grow", "--shrink"] {
            let negative = await runInProcess(["mask", "--size", "10x10", "--rect", "1,1,5,5", flag, "-5", "-o", "/tmp/never.png"])
            #expect(negative.status == 64)
            #expect(negative.stderr.contains("\(flag) -5.0: expected a distance of 0…65535 pixels"), "\(negative.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never.png"))
    }

    @Test func openaiExportIsAnRGBAPNGOfTheImageSizeAndRoundTrips() async throws {
        try await withTemporaryDirectory { directory in
            let output = directory.appendingPathComponent("mask.png").path
            let result = await runInProcess(["mask", "--like", Self.coffee, "--ellipse", "50%,50%,25%,30%", "--feather", "6", "-o", output])
            #expect(result.status == 0, "\(result.stderr)")
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
            let metadata = try ImageCodec.readMetadata(bytes)
            #expect(metadata.format == .png && metadata.width == 600 && metadata.height == 400)
            #expect(metadata.hasAlphaChannel && metadata.colorType == "rgba")
            let image = try ImageCodec.decode(bytes).pixels
            #expect(MaskConvention.detect(image) == .openai)
            // Import, export again: the same bytes of coverage.
            let imported = MaskConvention.openai.mask(from: image)
            #expect(imported[300, 200] == 255 && imported[5, 5] == 0)
            let again = directory.appendingPathComponent("again.png").path
            let second = await runInProcess(["mask", "--from", output, "-o", again])
            #expect(second.status == 0, "\(second.stderr)")
            #expect(MaskConvention.openai.mask(from: try decodedFile(again)) == imported)
        }
    }

    @Test func whiteConventionIsGreyAndReadsBackAsLuma() async throws {
        try await withTemporaryDirectory { directory in
            let output = directory.appendingPathComponent("white.png").path
            let result = await runInProcess(["mask", "--size", "64x48", "--rect", "8,8,20,10", "--convention", "white", "-o", output])
            #expect(result.status == 0, "\(result.stderr)")
            let image = try decodedFile(output)
            #expect(MaskConvention.detect(image) == .white)
            let mask = MaskConvention.white.mask(from: image)
            #expect(mask[10, 10] == 255 && mask[40, 40] == 0 && mask.selectedPixelCount == 200)
            // In place: refused without --overwrite (issue 18), done with it.
            #expect(await runInProcess(["mask", "--from", output, "--from-channel", "luma", "--invert-input", "--convention", "white", "-o", output]).status == 64)
            let flipped = await runInProcess(["mask", "--from", output, "--from-channel", "luma", "--invert-input", "--convention", "white", "-o", output, "--overwrite"])
            #expect(flipped.status == 0)
            #expect(MaskConvention.white.mask(from: try decodedFile(output))[10, 10] == 0)
        }
    }

    @Test func jsonReportsAreaAndBoundingBox() async throws {
        try await withTemporaryDirectory { directory in
            let result = await runInProcess(["mask", "--size", "200x100", "--rect", "10,20,50,40", "--subtract-rect", "10,20,10,40", "--json",
                                             "-o", directory.appendingPathComponent("m.png").path])
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(object["width"] as? Int == 200 && object["height"] as? Int == 100)
            #expect(object["selectedPixels"] as? Int == 40 * 40)
            #expect(object["selectedPercent"] as? Double == 8)
            let box = try #require(object["boundingBox"] as? [String: Any])
            #expect(box["x"] as? Int == 20 && box["y"] as? Int == 20 && box["width"] as? Int == 40 && box["height"] as? Int == 40)
        }
    }

    /// A truncated image given to --like is bad data (exit 65, naming the file), as in
    /// every other command, though its header alone gives the size.
    @Test func aTruncatedLikeImageIsBadData() async throws {
        try await withTemporaryDirectory { directory in
            for name in ["coffee.png", "rocket.jpg", "coffee-cutout-300x200.webp"] {
                let bytes = try FileAccess.read(Paths.fixtures.appendingPathComponent("inputs/\(name)").path)
                let truncated = directory.appendingPathComponent("cut-" + name).path
                try FileAccess.write(Array(bytes.prefix(bytes.count * 2 / 3)), to: truncated)
                let output = directory.appendingPathComponent("m.png").path
                let result = await runInProcess(["mask", "--like", truncated, "--rect", "1,1,5,5", "-o", output])
                #expect(result.status == 65, "\(name): \(result.status) \(result.stderr)")
                #expect(result.stderr.contains(truncated), "\(name): \(result.stderr)")
                #expect(!FileManager.default.fileExists(atPath: output))
            }
        }
    }

    @Test func aShapeOutsideTheImageIsAnErrorThatNamesIt() async throws {
        try await withTemporaryDirectory { directory in
            let result = await runInProcess(["mask", "--size", "100x100", "--rect", "10,10,5,5", "--ellipse", "300,300,10,10", "-o", directory.appendingPathComponent("m.png").path])
            #expect(result.status == 64)
            #expect(result.stderr.contains("ellipse 300,300,10,10 lies entirely outside the 100x100 image"), "\(result.stderr)")
        }
    }

    @Test func emptyAndFullSelectionsWarn() async throws {
        try await withTemporaryDirectory { directory in
            let empty = await runInProcess(["mask", "--size", "40x30", "-o", directory.appendingPathComponent("e.png").path])
            #expect(empty.status == 0 && empty.stderr.contains("selects nothing"))
            let full = await runInProcess(["mask", "--size", "40x30", "--rect", "0,0,100%,100%", "-o", directory.appendingPathComponent("f.png").path])
            #expect(full.status == 0 && full.stderr.contains("selects everything"), "\(full.stderr)")
        }
    }

    @Test func shapesFileDrawsInOrder() async throws {
        try await withTemporaryDirectory { directory in
            let shapes = directory.appendingPathComponent("shapes.json")
            try Data("""
                {"shapes": [
                  {"type": "rect", "x": 0, "y": 0, "width": "50%", "height": "100%"},
                  {"type": "circle", "cx": 10, "cy": 10, "radius": 4, "op": "subtract"},
                  {"type": "polygon", "points": [[60, 5], [90, 5], [75, 25]]},
                  {"type": "stroke", "width": 2, "points": [[60, 40], [95, 40]]}
                ]}
                """.utf8).write(to: shapes)
            let output = directory.appendingPathComponent("m.png").path
            let result = await runInProcess(["mask", "--size", "100x50", "--shapes", shapes.path, "--convention", "white", "-o", output])
            #expect(result.status == 0, "\(result.stderr)")
            let mask = MaskConvention.white.mask(from: try decodedFile(output))
            #expect(mask[10, 10] == 0 && mask[30, 30] == 255 && mask[75, 10] == 255 && mask[80, 40] > 100 && mask[80, 45] == 0)
            try Data(#"[{"type": "hexagon"}]"#.utf8).write(to: shapes)
            let bad = await runInProcess(["mask", "--size", "100x50", "--shapes", shapes.path, "-o", output])
            // Bad data in a file: 65, and the message names the file.
            #expect(bad.status == 65 && bad.stderr.contains("\(shapes.path): not a shapes file: unknown shape type \"hexagon\""), "\(bad.stderr)")
        }
    }

    @Test func cutoutAlphaProtectsTheSubjectOrSelectsIt() async throws {
        try await withTemporaryDirectory { directory in
            let protect = directory.appendingPathComponent("protect.png").path
            #expect(await runInProcess(["mask", "--from", Self.cutout, "--convention", "white", "-o", protect]).status == 0)
            let cutout = try decodedFile(Self.cutout)
            let alpha = Mask(alphaOf: cutout)
            let protected = MaskConvention.white.mask(from: try decodedFile(protect))
            // Edit everything but the subject: coverage = 255 − alpha.
            #expect(protected == alpha.inverted())
            let only = directory.appendingPathComponent("only.png").path
            #expect(await runInProcess(["mask", "--from", Self.cutout, "--invert-input", "--convention", "white", "-o", only]).status == 0)
            #expect(MaskConvention.white.mask(from: try decodedFile(only)) == alpha)
        }
    }

    @Test func previewNeedsAnImage() async throws {
        try await withTemporaryDirectory { directory in
            let result = await runInProcess(["mask", "--size", "40x30", "--rect", "1,1,5,5", "-o", directory.appendingPathComponent("m.png").path,
                                             "--preview", directory.appendingPathComponent("p.png").path])
            #expect(result.status == 64 && result.stderr.contains("--preview needs --like"))
            let preview = directory.appendingPathComponent("p.png").path
            let ok = await runInProcess(["mask", "--like", Self.coffee, "--rect", "10%,10%,20%,20%", "-o", directory.appendingPathComponent("m.png").path, "--preview", preview])
            #expect(ok.status == 0)
            let picture = try decodedFile(preview)
            #expect(picture.size == PixelSize(width: 600, height: 400))
            #expect(picture[120, 80] != (try decodedFile(Self.coffee))[120, 80])
        }
    }
}
