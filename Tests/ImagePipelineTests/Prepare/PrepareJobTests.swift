import Foundation
import ImageCodecs
import ImageCore
import ImageOps
import ImagePipeline
import Testing
import TestSupport

@Suite struct PrepareJobTests {
    /// gpt-image-2's size rules (spec §1.4).
    static let gptImage2 = SizeRules.constrained(.init(
        edgeMultiple: 16, maxEdge: 3840, maxAspectRatio: 3, minPixels: 655_360, maxPixels: 8_294_400,
        experimentalAbovePixels: 2560 * 1440))

    static func png(_ image: PixelBuffer) -> [UInt8] { try! ImageCodec.encode(image, options: .png(.default)) }

    /// A cut-out: transparent canvas, opaque subject in `box`.
    static func cutout(_ canvas: PixelSize, _ box: PixelRect) -> PixelBuffer {
        var image = PixelBuffer(width: canvas.width, height: canvas.height, format: .rgba8)
        for y in box.y..<box.maxY { for x in box.x..<box.maxX { image[x, y] = [30, 140, 220, 255] } }
        return image
    }

    @Test func subjectGravityKeepsTheWholeSubject() throws {
        let box = PixelRect(x: 700, y: 120, width: 300, height: 350)
        let bytes = Self.png(Self.cutout(PixelSize(width: 1200, height: 600), box))
        let prepared = try PrepareJob.prepare(bytes, options: PrepareOptions(
            sizeRules: Self.gptImage2, sizeRulesName: "gpt-image-2", channel: ChannelPreset.named("instagram-square"), gravity: .subject, padColor: .transparent))
        let report = prepared.report
        #expect(report.retention == 1)
        let crop = try #require(report.crop)
        #expect(crop.contains(box), "\(crop) should contain \(box)")
        #expect(prepared.pixels.width == prepared.pixels.height)
        // Every subject pixel made it into the output: count opaque output area ≈ box area × scale².
        let scale = report.scale
        var opaque = 0
        for y in 0..<prepared.pixels.height { for x in 0..<prepared.pixels.width where prepared.pixels[x, y][3] > 127 { opaque += 1 } }
        let expected = Double(box.size.area) * scale * scale
        #expect(abs(Double(opaque) - expected) / expected < 0.02, "opaque \(opaque) vs \(expected)")
    }

    @Test func subjectTooWideForTheRatioIsPaddedNotCut() throws {
        let box = PixelRect(x: 50, y: 200, width: 1100, height: 200)
        let bytes = Self.png(Self.cutout(PixelSize(width: 1200, height: 600), box))
        let prepared = try PrepareJob.prepare(bytes, options: PrepareOptions(
            channel: ChannelPreset.named("instagram-square"), gravity: .subject, padColor: .transparent))
        #expect(prepared.report.pad != nil)
        #expect(prepared.report.crop == nil)
        #expect(prepared.report.warnings.contains { $0.contains("padded instead") })
        #expect(prepared.pixels.size == PixelSize(width: 1080, height: 1080))
    }

    @Test func maskFollowsTheImageGeometry() throws {
        let image = SyntheticImages.gradient(width: 800, height: 600)
        var mask = Mask(width: 800, height: 600)
        let selected = PixelRect(x: 500, y: 100, width: 120, height: 200)
        for y in selected.y..<selected.maxY { for x in selected.x..<selected.maxX { mask[x, y] = 255 } }
        let prepared = try PrepareJob.prepare(Self.png(image), options: PrepareOptions(
            sizeRules: Self.gptImage2, sizeRulesName: "gpt-image-2", aspect: (1, 1), target: .tier(1024), gravity: .focal(x: 0.7, y: 0.5)), mask: mask)
        let outMask = try #require(prepared.mask)
        #expect(outMask.size == prepared.pixels.size)
        let expected = prepared.report.transform
        let topLeft = expected.outputPoint(forSource: Point(x: Double(selected.x), y: Double(selected.y)))
        let bottomRight = expected.outputPoint(forSource: Point(x: Double(selected.maxX), y: Double(selected.maxY)))
        let box = try #require(CropPlacement.subjectBounds(outMask))
        #expect(abs(Double(box.x) - topLeft.x) <= 1.5 && abs(Double(box.y) - topLeft.y) <= 1.5, "\(box) vs \(topLeft)")
        #expect(abs(Double(box.maxX) - bottomRight.x) <= 1.5 && abs(Double(box.maxY) - bottomRight.y) <= 1.5, "\(box) vs \(bottomRight)")
    }

    @Test func maskOfTheWrongSizeIsRefused() {
        #expect(throws: OperationError.self) {
            try PrepareJob.prepare(Self.png(SyntheticImages.gradient(width: 80, height: 60)), options: PrepareOptions(), mask: Mask(width: 60, height: 80))
        }
    }

    @Test func shrinkOnLoadMatchesAFullDecode() throws {
        let photo = try ImageCodec.decode(try FixtureFiles.bytes("inputs/coffee.png")).pixels.resized(to: PixelSize(width: 2400, height: 1600))
        let jpeg = try ImageCodec.encode(photo, options: .jpeg(JPEGEncodingOptions(quality: 95)))
        let request = PrepareOptions(target: .longEdge(300))
        let fast = try PrepareJob.prepare(jpeg, options: request)
        var full = request
        full.shrinkOnLoad = false
        let exact = try PrepareJob.prepare(jpeg, options: full)
        #expect(fast.report.decodeScaleDenominator == 4)
        #expect(exact.report.decodeScaleDenominator == 1)
        #expect(fast.pixels.size == PixelSize(width: 300, height: 200))
        #expect(ImageDifference(fast.pixels, exact.pixels, channels: 3).psnr > 38)
    }

    @Test func orientationIsAppliedBeforeFraming() throws {
        let prepared = try PrepareJob.prepare(try FixtureFiles.bytes("inputs/coffee-orientation-6.jpg"), options: PrepareOptions(target: .longEdge(300)))
        #expect(prepared.report.orientation == .rotate90Clockwise)
        #expect(prepared.pixels.size == PixelSize(width: 300, height: 200))
    }

    /// For a centred or focal crop the plan knows the transform before any pixel is
    /// decoded, and it is the one `execute` reports; a JPEG crop decodes only its region.
    @Test(arguments: [Gravity.center, .focal(x: 0.8, y: 0.3), .focalPixels(x: 100, y: 50)])
    func planPredictsTheTransformForGeometricGravity(gravity: Gravity) throws {
        let photo = SyntheticImages.gradient(width: 1600, height: 900)
        for bytes in [Self.png(photo), try ImageCodec.encode(photo, options: .jpeg(JPEGEncodingOptions(quality: 90)))] {
            let options = PrepareOptions(aspect: (1, 1), target: .longEdge(400), gravity: gravity)
            let plan = try PrepareJob.plan(try ImageCodec.readMetadata(bytes), options: options)
            let predicted = try #require(plan.transform)
            let prepared = try PrepareJob.execute(plan, bytes: bytes, options: options)
            #expect(prepared.report.transform == predicted)
            #expect(prepared.pixels.size == PixelSize(width: 400, height: 400))
            #expect((plan.jpegRegion != nil) == (plan.format == .jpeg))
        }
    }

    /// A focal point in pixels is a fraction of the upright size.
    @Test func focalPixelsResolveAgainstTheUprightSize() throws {
        let bytes = Self.png(SyntheticImages.gradient(width: 1000, height: 500))
        let plan = try PrepareJob.plan(try ImageCodec.readMetadata(bytes), options: PrepareOptions(aspect: (1, 1), gravity: .focalPixels(x: 900, y: 250)))
        #expect(plan.gravity == .focal(x: 0.9, y: 0.5))
        #expect(plan.placement == PixelRect(x: 500, y: 0, width: 500, height: 500))
    }

    /// Content-aware gravities leave the placement to `execute`.
    @Test func attentionIsPlacedFromThePixels() throws {
        let bytes = Self.png(SyntheticImages.gradient(width: 1000, height: 500))
        let options = PrepareOptions(aspect: (1, 1), gravity: .attention)
        let plan = try PrepareJob.plan(try ImageCodec.readMetadata(bytes), options: options)
        #expect(plan.placement == nil && plan.transform == nil)
        let prepared = try PrepareJob.execute(plan, bytes: bytes, options: options)
        #expect(prepared.report.crop?.size == PixelSize(width: 500, height: 500))
    }

    /// The report encodes in the documented key order, with nulls kept.
    @Test func reportEncodesTheDocumentedShape() throws {
        var report = try PrepareJob.prepare(Self.png(SyntheticImages.gradient(width: 300, height: 200)), options: PrepareOptions(aspect: (1, 1))).report
        report.outputFormat = .png
        report.outputBytes = 123
        guard case .object(let members) = ReportEncoder.value(report) else { Issue.record("not an object"); return }
        #expect(members.map(\.0) == ["input", "crop", "pad", "scale", "output", "model", "gravity", "decodeScale", "mask"])
        #expect(ReportEncoder.text(report, pretty: false).contains(#""pad":null"#))
        #expect(ReportEncoder.text(report, pretty: false).contains(#""output":{"width":200,"height":200,"format":"png","bytes":123}"#))
    }

    /// The issue's two crops. Boxes annotated by hand on the conformance photos (eyes,
    /// nose and mouth of each head): a 16:9 attention crop keeps both dogs' faces, not
    /// the boards below them; on the astronaut portrait it keeps her face (found by the
    /// opencv-data face cascade), not the suit. The astronaut needs the cascade (skipped
    /// without it, unless RETOUCH_REQUIRE_CASCADE=1).
    @Test(arguments: [
        ("pets_friends_by_Aitzol_Berasategi.jpg", [PixelRect(x: 660, y: 800, width: 370, height: 390), PixelRect(x: 960, y: 1370, width: 410, height: 430)], false),
        ("portrait_astronaut_skimage.png", [PixelRect(x: 170, y: 55, width: 120, height: 130)], true),
    ])
    func attentionKeepsTheHeads(photo: String, heads: [PixelRect], needsFaces: Bool) throws {
        guard let conformance = Paths.conformance else { return }
        if needsFaces && !FileManager.default.fileExists(atPath: "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml") {
            if ProcessInfo.processInfo.environment["RETOUCH_REQUIRE_CASCADE"] == "1" { Issue.record("opencv-data is not installed") }
            return
        }
        let bytes = [UInt8](try Data(contentsOf: conformance.appendingPathComponent("photos/\(photo)")))
        let prepared = try PrepareJob.prepare(bytes, options: PrepareOptions(channel: ChannelPreset.named("youtube-thumbnail"), gravity: .attention))
        let crop = try #require(prepared.report.crop)
        for head in heads { #expect(crop.contains(head), "\(photo): \(crop) cuts \(head)") }
    }
}
