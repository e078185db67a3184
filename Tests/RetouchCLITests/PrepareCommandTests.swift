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

    /// `-o X.png` then `-o X.jpg` both derive X-mask.png: the second run refuses instead of
    /// replacing it (64), `--mask-out` names it, `--overwrite` allows it, and a mask
    /// output equal to an input or to -o is refused even with `--overwrite`.
    @Test func theMaskOutputNeverReplacesAFileSilently() async throws {
        try await withTemporaryDirectory { directory in
            let mask = PixelBuffer(width: 600, height: 400, bytesPerRow: 600, format: .gray8, bytes: (0..<240_000).map { $0 % 600 > 300 ? 255 : 0 })
            let maskPath = directory.appendingPathComponent("mask.png").path
            try Data(try ImageCodec.encode(mask, options: .png(.default))).write(to: URL(fileURLWithPath: maskPath))
            func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
            let first = await runInProcess(["prepare", Self.coffee, "-o", path("x.png"), "--mask", maskPath, "--aspect", "1:1"])
            #expect(first.status == 0, "\(first.stderr)")
            let written = try Data(contentsOf: URL(fileURLWithPath: path("x-mask.png")))
            let second = await runInProcess(["prepare", Self.coffee, "-o", path("x.jpg"), "--mask", maskPath])
            #expect(second.status == 64)
            #expect(second.stderr.contains("\(path("x-mask.png")): the mask output (derived from -o) exists"), "\(second.stderr)")
            #expect(second.stderr.contains("--mask-out FILE, or pass --overwrite"), "\(second.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path("x-mask.png"))) == written)
            #expect(!FileManager.default.fileExists(atPath: path("x.jpg")))
            let named = await runInProcess(["prepare", Self.coffee, "-o", path("x.jpg"), "--mask", maskPath, "--mask-out", path("x-jpg-mask.png")])
            #expect(named.status == 0, "\(named.stderr)")
            #expect(try ImageCodec.readMetadata([UInt8](try Data(contentsOf: URL(fileURLWithPath: path("x-jpg-mask.png"))))).width == 600)
            let overwrite = await runInProcess(["prepare", Self.coffee, "-o", path("x.jpg"), "--mask", maskPath, "--overwrite"])
            #expect(overwrite.status == 0, "\(overwrite.stderr)")
            #expect(try ImageCodec.readMetadata([UInt8](try Data(contentsOf: URL(fileURLWithPath: path("x-mask.png"))))).width == 600)
            for (target, role) in [(maskPath, "the input mask"), (path("x.jpg"), "the image output"), (Self.coffee.replacingOccurrences(of: "/Fixtures/", with: "/Fixtures/./"), "the input image")] {
                let before = try Data(contentsOf: URL(fileURLWithPath: target))
                let result = await runInProcess(["prepare", Self.coffee, "-o", path("x.jpg"), "--mask", maskPath, "--mask-out", target, "--overwrite"])
                #expect(result.status == 64, "\(target)")
                #expect(result.stderr.contains("would replace \(role)"), "\(result.stderr)")
                #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == before)
            }
        }
    }

    /// rocket.jpg carries Adobe RGB (1998): prepare converts to sRGB and embeds nothing;
    /// --keep-icc keeps the numbers and embeds the profile.
    @Test func keepICCKeepsTheNumbersAndTheProfile() async throws {
        try await withTemporaryDirectory { directory in
            let rocket = Paths.fixtures.appendingPathComponent("inputs/rocket.jpg").path
            let rocketBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: rocket)))
            let converted = directory.appendingPathComponent("c.png").path, kept = directory.appendingPathComponent("k.png").path
            #expect(await runInProcess(["prepare", rocket, "-o", converted]).status == 0)
            #expect(await runInProcess(["prepare", rocket, "-o", kept, "--keep-icc"]).status == 0)
            let a = try ImageCodec.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: converted))))
            let b = try ImageCodec.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: kept))), options: DecodingOptions(colour: .keepOriginal))
            #expect(a.metadata.iccProfile == nil)
            #expect(b.metadata.iccDescription == "Adobe RGB (1998)")
            #expect(b.pixels == (try ImageCodec.decode(rocketBytes, options: DecodingOptions(colour: .keepOriginal))).pixels)
            #expect(a.pixels == (try ImageCodec.decode(rocketBytes)).pixels)
            #expect(a.pixels != b.pixels)
        }
    }

    /// When a rule or an exact size overrides what was asked, a warning says which.
    @Test(arguments: [
        (["--for", "gpt-image-2", "--tier", "4k"], "a long edge of 3840 was asked; gpt-image-2 (long edge ≤ 3840, at most 8,294,400 pixels) allows 3504x2336 at this ratio"),
        (["--channel", "instagram-portrait", "--size", "1080x1080"], "the output is 1080x1080, not instagram-portrait's 4:5: --size 1080x1080 sets the ratio"),
        (["--for", "chatgpt-image-latest", "--channel", "instagram-portrait"],
         "the output is 1024x1536, not instagram-portrait's 4:5: chatgpt-image-latest accepts only 1024x1024, 1536x1024, 1024x1536, and this is the nearest ratio"),
    ])
    func overriddenRequestsAreSaid(arguments: [String], warning: String) async throws {
        try await withTemporaryDirectory { directory in
            let result = await runInProcess(["prepare", Self.coffee, "-o", directory.appendingPathComponent("x.jpg").path] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("warning: \(Self.coffee): \(warning)"), "\(result.stderr)")
        }
    }

    /// --preview: the whole source, the crop outlined, the rest darkened; the text and
    /// JSON give the area and the importance kept; subject gravity on an opaque image
    /// without a mask says it centres.
    @Test func previewDrawsTheCropOnTheSource() async throws {
        try await withTemporaryDirectory { directory in
            let preview = directory.appendingPathComponent("preview.png").path
            let result = await runInProcess(["prepare", Self.coffee, "-o", directory.appendingPathComponent("x.jpg").path, "--aspect", "1:1",
                                             "--gravity", "subject", "--preview", preview, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("--gravity subject needs a subject: the image is opaque and no --mask was given, so the crop is centred"), "\(result.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let gravity = try #require(report["gravity"] as? [String: Any])
            #expect(gravity["areaKept"] as? Double == 0.6667)
            #expect((gravity["retention"] as? Double).map { $0 > 0 && $0 < 1 } == true)
            let picture = try decodedFile(preview), source = try decodedFile(Self.coffee)
            #expect(picture.size == source.size)
            // The 400×400 crop is centred: x 100…499. Its edge is outlined, outside is darker.
            #expect(picture[100, 200] == [255, 208, 0, 255] && picture[499, 200] == [255, 208, 0, 255])
            #expect(picture[300, 200] == source[300, 200])
            #expect(Int(picture[50, 200][0]) < Int(source[50, 200][0]) || source[50, 200][0] == 0)
            let refused = await runInProcess(["prepare", Self.coffee, "-o", directory.appendingPathComponent("y.jpg").path, "--aspect", "1:1", "--preview", Self.coffee])
            #expect(refused.status == 64 && refused.stderr.contains("the preview would replace the input image"), "\(refused.stderr)")
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
