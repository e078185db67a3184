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

    /// The demo on two fixtures (a rotated JPEG photo and a cut-out WebP): every stage's
    /// file for each, with the content each stage promises.
    @Test(.tags(.slow)) func demoRunsEveryStageOnEachImage() async throws {
        try await withTemporaryDirectory { directory in
            let fixtures = directory.appendingPathComponent("in"), output = directory.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: fixtures, withIntermediateDirectories: true)
            for name in ["coffee-orientation-6.jpg", "coffee-cutout-300x200.webp"] {
                try FileManager.default.copyItem(atPath: FixtureFiles.path("inputs/" + name), toPath: fixtures.appendingPathComponent(name).path)
            }
            let result = await runInProcess(["demo", "--fixtures", fixtures.path, "--output", output.path])
            #expect(result.status == 0, "\(result.stderr)")
            let written = Set(try FileManager.default.contentsOfDirectory(atPath: output.path))
            let stages = ["upright", "gpt-image-2", "instagram", "mask", "mask-preview", "v1", "v2", "cutout", "heatmap"]
            var expected = Set(["coffee-orientation-6", "coffee-cutout-300x200"].flatMap { base in stages.map { "\(base)-\($0).png" } + ["\(base)-export.jpg"] })
            expected.formUnion(["workspace", "report.html"])
            #expect(written == expected)
            func image(_ name: String) throws -> PixelBuffer { try decodedFile(output.appendingPathComponent(name).path) }
            // Stage 1: stored 400×600 with orientation 6, written upright 600×400.
            #expect(try image("coffee-orientation-6-upright.png").size == PixelSize(width: 600, height: 400))
            // Stage 2: a gpt-image-2 upload (edges multiples of 16, at least 655,360 pixels) and a 4:5 post.
            let upload = try image("coffee-orientation-6-gpt-image-2.png").size
            #expect(upload.width % 16 == 0 && upload.height % 16 == 0 && upload.area >= 655_360)
            #expect(try image("coffee-orientation-6-instagram.png").size == PixelSize(width: 1080, height: 1350))
            // Stage 3: an openai mask the image's size: the centre is editable (alpha 0), the corner kept.
            let mask = try image("coffee-orientation-6-mask.png")
            #expect(mask.size == PixelSize(width: 600, height: 400) && mask[300, 180][3] == 0 && mask[5, 5][3] == 255)
            // A cut-out's mask protects its subject: the transparent border is editable.
            let cutoutMask = try image("coffee-cutout-300x200-mask.png")
            #expect(cutoutMask[2, 2][3] == 0 && cutoutMask[150, 100][3] == 255)
            // Stages 4 and 5: the local edit changed the masked centre and kept the corner exactly;
            // the second round refined the first (recorded as its child).
            let edit = try image("coffee-orientation-6-v1.png"), upright = try image("coffee-orientation-6-upright.png")
            #expect(edit.size == upright.size && edit[5, 5] == upright[5, 5] && edit[300, 180] != upright[300, 180])
            let refined = try image("coffee-orientation-6-v2.png")
            #expect(refined.size == upright.size && refined[5, 5] == upright[5, 5])
            let history = await runInProcess(["history", "--workspace", output.appendingPathComponent("workspace").path, "--json"])
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
            #expect(entries.count == 4 && entries.map { $0["parent"] as? String } == [nil, "v1", nil, "v3"])
            #expect(entries.allSatisfy { $0["status"] as? String == "ok" })
            // Stage 9: an Instagram portrait JPEG under 500 KB; stage 10: the report, named last.
            let exported = try ImageCodec.readMetadata(try FileAccess.read(output.appendingPathComponent("coffee-orientation-6-export.jpg").path))
            #expect(exported.format == .jpeg && exported.width == 1080 && exported.height == 1350 && exported.byteCount <= 500_000)
            let lastLine = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
            #expect(lastLine == "review report (open it in a browser): \(output.appendingPathComponent("report.html").path)", "\(lastLine)")
            // Stage 6: the cut-out's backdrop is transparent, its subject opaque.
            let cutout = try image("coffee-cutout-300x200-cutout.png")
            #expect(cutout[2, 2][3] == 0 && cutout[150, 100][3] == 255)
            // The report: a row per image and stage, and the closing line.
            #expect(result.stdout.contains("retouch demo: 2 images from"))
            #expect(result.stdout.components(separatedBy: "coffee-orientation-6.jpg").count - 1 == 11)
            #expect(result.stdout.contains("2 images: written upright, prepared twice, masked, edited in two rounds, cut out, diffed and exported"))
        }
    }
}
