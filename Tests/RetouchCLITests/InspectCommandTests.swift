import Foundation
import ImageCodecs
import Testing
import TestSupport

@Suite struct InspectCommandTests {
    static let oriented = Paths.fixtures.appendingPathComponent("inputs/coffee-orientation-6.jpg").path
    static let webp = Paths.fixtures.appendingPathComponent("inputs/coffee-cutout-300x200.webp").path
    static let corrupt = Paths.fixtures.appendingPathComponent("corrupt/html-error-page.png").path

    @Test func jsonHasTheDocumentedKeysInOrder() async throws {
        let result = await runInProcess(["inspect", Self.oriented, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let keys = ["file", "format", "width", "height", "orientation", "uprightWidth", "uprightHeight", "colorType",
                    "bitDepth", "hasAlpha", "usesAlpha", "iccProfile", "exif", "gps", "xmp", "c2pa", "animated", "frames", "bytes"]
        let positions = keys.map { result.stdout.range(of: "\"\($0)\"")?.lowerBound }
        #expect(!positions.contains(nil), "\(result.stdout)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "jpeg")
        #expect(object["width"] as? Int == 400)
        #expect(object["orientation"] as? Int == 6)
        #expect(object["uprightWidth"] as? Int == 600)
        #expect(object["uprightHeight"] as? Int == 400)
        #expect(object["exif"] as? Bool == true)
        #expect(object["usesAlpha"] as? Bool == false)
        #expect(object["iccProfile"] is NSNull)
        #expect(object["bytes"] as? Int == (try FileManager.default.attributesOfItem(atPath: Self.oriented)[.size] as? Int))
    }

    @Test func alphaIsReportedAsPresentAndUsed() async throws {
        let result = await runInProcess(["inspect", Self.webp, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["hasAlpha"] as? Bool == true)
        #expect(object["usesAlpha"] as? Bool == true)
        #expect(object["compression"] as? String == "lossless")
    }

    @Test func aFailingFileIsReportedAndTheOthersStillAre() async throws {
        let result = await runInProcess(["inspect", Self.oriented, Self.corrupt, Self.webp, "--json"])
        #expect(result.status == 65)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 3)
        #expect(array[0]["format"] as? String == "jpeg")
        #expect(array[1]["file"] as? String == Self.corrupt)
        #expect((array[1]["error"] as? String)?.contains("looks like HTML") == true)
        #expect(array[2]["format"] as? String == "webp")
        #expect(result.stderr.contains("html-error-page.png"))
    }

    @Test func missingFileIsAnIOError() async {
        let result = await runInProcess(["inspect", "/nonexistent/photo.jpg"])
        #expect(result.status == 74)
        #expect(result.stderr == "error: /nonexistent/photo.jpg: cannot read: no such file\n")
    }

    @Test func textReportNamesOrientation() async {
        let result = await runInProcess(["inspect", Self.oriented])
        #expect(result.status == 0)
        #expect(result.stdout.contains("orientation  6 (rotate 90 clockwise)"))
        #expect(result.stdout.contains("upright      600×400"))
    }

    /// A non-sRGB profile is named, classified and warned about; an sRGB one is not.
    @Test func aNonSRGBProfileIsNamedAndWarnedAbout() async throws {
        let rocket = Paths.fixtures.appendingPathComponent("inputs/rocket.jpg").path
        let text = await runInProcess(["inspect", rocket])
        #expect(text.status == 0)
        #expect(text.stdout.contains("icc profile  Adobe RGB (1998) (560 bytes, RGB, not sRGB)"), "\(text.stdout)")
        #expect(text.stdout.contains("warning      the ICC profile is not sRGB: Retouch converts 'Adobe RGB (1998)' (RGB) → sRGB"), "\(text.stdout)")
        let json = await runInProcess(["inspect", rocket, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["iccColourSpace"] as? String == "RGB")
        #expect(object["iccSRGB"] as? Bool == false)
        guard let conformance = Paths.conformance else { return }
        let srgb = await runInProcess(["inspect", conformance.appendingPathComponent("photos/animal_chelsea_skimage.png").path])
        #expect(srgb.stdout.contains("icc profile  sRGB IEC61966-2.1 (3144 bytes, RGB, sRGB)"), "\(srgb.stdout)")
        #expect(!srgb.stdout.contains("warning"))
    }

    /// An animation is described from its headers: a 4.8 KB file declaring a 10000×10000
    /// canvas is not decoded (it used to cost 1.2 GB), and `usesAlpha` is null.
    @Test func anAnimationIsNotDecoded() throws {
        let file = Paths.fixtures.appendingPathComponent("regression/webp-anim-10000-canvas.webp").path
        let (result, peak) = try runBinary(["inspect", file, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["usesAlpha"] is NSNull && object["frames"] as? Int == 100 && object["width"] as? Int == 10_000, "\(object)")
        #expect(peak < 100 << 20, "peak \(peak >> 20) MB")
        let (text, _) = try runBinary(["inspect", file])
        #expect(text.stdout.contains("use not checked (animation)"), "\(text.stdout)")
    }
}
