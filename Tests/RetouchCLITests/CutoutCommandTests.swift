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
}
