import Foundation
import ImageCodecs
import ImageCore
import Testing
import TestSupport

@Suite struct RootCommandTests {
    @Test func versionNamesTheLinkedLibraries() async {
        let result = await runInProcess(["--version"])
        #expect(result.status == 0)
        let versions = ImageCodec.libraryVersions
        #expect(result.stdout.hasPrefix("retouch "))
        #expect(result.stdout.contains("libpng \(versions.libpng)"))
        #expect(result.stdout.contains("libjpeg-turbo"))
        #expect(result.stdout.contains("libwebp \(versions.libwebp)"))
    }

    @Test func unknownFlagIsAUsageError() async {
        let result = await runInProcess(["inspect", "--frobnicate", "x.png"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--frobnicate"))
    }

    @Test func helpListsTheCommands() async {
        let result = await runInProcess(["--help"])
        #expect(result.status == 0)
        for command in ["inspect", "convert", "prepare", "mask", "demo"] { #expect(result.stdout.contains(command)) }
    }

    @Test func demoWritesEveryFixtureUpright() async throws {
        try await withTemporaryDirectory { directory in
            let result = await runInProcess(["demo", "--fixtures", Paths.fixtures.appendingPathComponent("inputs").path, "--output", directory.path])
            #expect(result.status == 0, "\(result.stderr)")
            let written = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            #expect(written.contains("coffee-orientation-6-upright.png"))
            #expect(written.count == 35)
            #expect(written.contains("rocket-gpt-image-2.png"))
            // Stage 3: an openai mask the image's size (alpha 0 = edit) and its preview.
            let mask = try ImageCodec.decode([UInt8](try Data(contentsOf: directory.appendingPathComponent("coffee-orientation-6-mask.png")))).pixels
            #expect(mask.size == ImageCore.PixelSize(width: 600, height: 400))
            #expect(mask[300, 180][3] == 0 && mask[5, 5][3] == 255)
            #expect(written.contains("coffee-mask-preview.png"))
            #expect(written.contains("coffee-heatmap.png"))
            let cutout = try ImageCodec.decode([UInt8](try Data(contentsOf: directory.appendingPathComponent("coffee-cutout-300x200-cutout.png")))).pixels
            #expect(cutout[2, 2][3] == 0 && cutout[150, 100][3] == 255)
            let prepared = try ImageCodec.decode([UInt8](try Data(contentsOf: directory.appendingPathComponent("coffee-instagram.png"))))
            #expect(prepared.pixels.size == ImageCore.PixelSize(width: 1080, height: 1350))
            let upright = try ImageCodec.decode([UInt8](try Data(contentsOf: directory.appendingPathComponent("coffee-orientation-6-upright.png"))))
            #expect(upright.pixels.width == 600 && upright.pixels.height == 400)
        }
    }
}
