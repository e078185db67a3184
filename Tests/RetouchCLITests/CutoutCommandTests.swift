import Foundation
import ImageCodecs
import ImageCore
import ImageOps
import Testing
import TestSupport

@Suite struct CutoutCommandTests {
    static let coffee = Paths.fixtures.appendingPathComponent("inputs/coffee.png").path

    /// A blue ring on white, written as PNG (and as JPEG for the lossy path).
    static func ringFile(_ directory: URL, jpeg: Bool = false) throws -> String {
        let plane = try ShapeRenderer.render([MaskShape(.ellipse(cx: .pixels(80), cy: .pixels(60), rx: .pixels(40), ry: .pixels(40))),
                                              MaskShape(.ellipse(cx: .pixels(80), cy: .pixels(60), rx: .pixels(18), ry: .pixels(18)), operation: .subtract)],
                                             size: PixelSize(width: 160, height: 120))
        var image = PixelBuffer(width: 160, height: 120, format: .rgba8)
        for y in 0..<120 { for x in 0..<160 {
            let c = plane.values[y * 160 + x]
            image[x, y] = [UInt8((255 * (1 - c) + 20 * c).rounded()), UInt8((255 * (1 - c) + 70 * c).rounded()), UInt8((255 * (1 - c) + 170 * c).rounded()), 255]
        } }
        let path = directory.appendingPathComponent(jpeg ? "ring.jpg" : "ring.png").path
        let bytes = try ImageCodec.encode(image, options: jpeg ? .jpeg(JPEGEncodingOptions(quality: 85)) : .png(.default))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func jsonReportAndTransparentHole() async throws {
        try await withTemporaryDirectory { directory in
            let input = try Self.ringFile(directory), output = directory.appendingPathComponent("out.png").path
            let matte = directory.appendingPathComponent("matte.png").path
            let result = await runInProcess(["cutout", input, "-o", output, "--json", "--alpha-out", matte])
            #expect(result.status == 0, "\(result.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            for key in ["backdrop", "tolerance", "foregroundFraction", "subjectBox", "holesRemoved", "warnings"] { #expect(report[key] != nil, "missing \(key)") }
            #expect(report["holesRemoved"] as? Int == 1)
            let backdrop = try #require(report["backdrop"] as? [String: Any])
            #expect(backdrop["color"] as? String == "#ffffff" && backdrop["jpegDetected"] as? Bool == false)
            let cut = try decodedFile(output)
            #expect(cut[80, 60][3] == 0 && cut[80, 25][3] == 255 && cut[2, 2][3] == 0)
            #expect(try decodedFile(matte)[80, 25] == [255, 255, 255, 255])
        }
    }

    @Test func jpegInputIsDetectedAndStillClean() async throws {
        try await withTemporaryDirectory { directory in
            let input = try Self.ringFile(directory, jpeg: true), output = directory.appendingPathComponent("out.png").path
            let result = await runInProcess(["cutout", input, "-o", output, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect((report["backdrop"] as? [String: Any])?["jpegDetected"] as? Bool == true)
            let cut = try decodedFile(output)
            #expect(cut[2, 2][3] == 0 && cut[80, 25][3] == 255 && cut[80, 60][3] == 0)
        }
    }

    @Test func trimPadCanvasAndFill() async throws {
        try await withTemporaryDirectory { directory in
            let input = try Self.ringFile(directory)
            let trimmed = directory.appendingPathComponent("trim.png").path
            #expect(await runInProcess(["cutout", input, "-o", trimmed, "--trim", "--pad", "10"]).status == 0)
            let t = try decodedFile(trimmed)
            #expect(t.width == 80 + 20 && t.height == 80 + 20)
            let canvas = directory.appendingPathComponent("canvas.jpg").path
            #expect(await runInProcess(["cutout", input, "-o", canvas, "--trim", "--canvas", "300x300", "--fill-background", "#FFFFFF"]).status == 0)
            let c = try decodedFile(canvas)
            #expect(c.width == 300 && c.height == 300 && c[5, 5][0] > 250)
            let bottom = directory.appendingPathComponent("bottom.png").path
            #expect(await runInProcess(["cutout", input, "-o", bottom, "--trim", "--canvas", "200x300", "--position", "0.5,1"]).status == 0)
            let b = try decodedFile(bottom)
            #expect(b.height == 300 && b[100, 295][3] == 255 && b[100, 100][3] == 0, "the subject sits at the bottom")
            let refused = await runInProcess(["cutout", input, "-o", directory.appendingPathComponent("x.jpg").path])
            #expect(refused.status == 64 && refused.stderr.contains("--fill-background"))
        }
    }

    @Test func aPhotoWithoutBackdropWarns() async throws {
        try await withTemporaryDirectory { directory in
            let result = await runInProcess(["cutout", Self.coffee, "-o", directory.appendingPathComponent("c.png").path])
            #expect(result.status == 0)
            #expect(result.stderr.contains("does not look like a plain studio backdrop"), "\(result.stderr)")
        }
    }

    /// --pad without --trim pads the whole frame; --fill 85% scales the trimmed subject to
    /// 85 % of the canvas in its tighter direction (the ring is 80×80: 255 on 300×300).
    @Test func padWithoutTrimAndFillFraction() async throws {
        try await withTemporaryDirectory { directory in
            let input = try Self.ringFile(directory)
            let padded = directory.appendingPathComponent("pad.png").path
            #expect(await runInProcess(["cutout", input, "-o", padded, "--pad", "10"]).status == 0)
            #expect(try decodedFile(padded).size == PixelSize(width: 180, height: 140))
            let filled = directory.appendingPathComponent("fill.png").path
            let result = await runInProcess(["cutout", input, "-o", filled, "--canvas", "300x300", "--fill", "85%"])
            #expect(result.status == 0, "\(result.stderr)")
            let picture = try decodedFile(filled)
            #expect(picture.size == PixelSize(width: 300, height: 300))
            let box = try #require(CutoutFinishing.subjectRect(picture))
            #expect(abs(box.width - 255) <= 2 && abs(box.height - 255) <= 2 && abs(box.x - 22) <= 2, "\(box)")
            let noCanvas = await runInProcess(["cutout", input, "-o", filled, "--fill", "85%"])
            #expect(noCanvas.status == 64 && noCanvas.stderr.contains("--fill needs --canvas"), "\(noCanvas.stderr)")
            let tooMuch = await runInProcess(["cutout", input, "-o", filled, "--canvas", "300x300", "--fill", "120%"])
            #expect(tooMuch.status == 64 && tooMuch.stderr.contains("at most 100 %"), "\(tooMuch.stderr)")
        }
    }

    /// --strict turns the backdrop warnings into exit 65 and writes nothing; the clean
    /// ring passes.
    @Test func strictFailsOnAPhotoWithoutBackdrop() async throws {
        try await withTemporaryDirectory { directory in
            let output = directory.appendingPathComponent("c.png").path
            let result = await runInProcess(["cutout", Self.coffee, "-o", output, "--strict"])
            #expect(result.status == 65)
            #expect(result.stderr.contains("error: \(Self.coffee): not a product on a plain backdrop (--strict): the border varies"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: output))
            let ring = try Self.ringFile(directory)
            #expect(await runInProcess(["cutout", ring, "-o", output, "--strict"]).status == 0)
        }
    }

    /// --debug-matte: background black, subject white, edges orange (MattePicture).
    @Test func debugMatteShowsWhatEachPixelBecame() async throws {
        try await withTemporaryDirectory { directory in
            let input = try Self.ringFile(directory), picture = directory.appendingPathComponent("debug.png").path
            let result = await runInProcess(["cutout", input, "-o", directory.appendingPathComponent("c.png").path, "--debug-matte", picture])
            #expect(result.status == 0, "\(result.stderr)")
            let matte = try decodedFile(picture)
            #expect(matte[2, 2] == [0, 0, 0, 255] && matte[80, 25] == [255, 255, 255, 255] && matte[80, 60] == [0, 0, 0, 255])
            // Somewhere on the ring's outer edge there is an orange (edge) pixel.
            let edge = (0..<160).contains { x in let p = matte[x, 60]; return p[0] > p[1] && p[1] > p[2] && p[2] == 0 && p[0] < 255 }
            #expect(edge)
        }
    }
}
