import Foundation
import ImageCodecs
import ImageCore
import ImageOps
import ImagePipeline
import Testing
import TestSupport

@Suite struct ExportJobTests {
    static let photo = FixtureFiles.path("inputs/coffee.png")

    @Test func aChannelFramesTheImageAtItsSize() throws {
        try withTemporaryDirectory { directory in
            let output = directory.appendingPathComponent("yt.jpg").path
            let report = try ExportJob.run(try FileAccess.read(Self.photo), name: "coffee.png", output: output,
                                           options: ExportOptions(channel: ChannelPreset.named("youtube-thumbnail"), encoding: .jpeg(.default)))
            #expect(report.width == 1280 && report.height == 720 && report.quality == 90 && report.channel == "youtube-thumbnail")
            let written = try ImageCodec.readMetadata(try FileAccess.read(output))
            #expect(written.format == .jpeg && written.width == 1280 && written.height == 720)
        }
    }

    /// The quality is searched first: a limit a lower quality meets keeps every pixel, and
    /// the quality found is the highest that fits (one step up does not).
    @Test func maxBytesLowersTheQualityBeforeThePixels() throws {
        try withTemporaryDirectory { directory in
            let bytes = try FileAccess.read(Self.photo)
            let output = directory.appendingPathComponent("o.jpg").path
            let at60 = try ImageCodec.encode(try ImageCodec.decode(bytes).pixels, options: .jpeg(JPEGEncodingOptions(quality: 60))).count
            let report = try ExportJob.run(bytes, name: "coffee.png", output: output, options: ExportOptions(encoding: .jpeg(.default), maxBytes: at60))
            #expect(report.scale == 1 && report.width == 600 && report.bytes <= at60)
            let quality = try #require(report.quality)
            #expect(quality >= 60 && quality < 90)
            let above = try ImageCodec.encode(try ImageCodec.decode(bytes).pixels, options: .jpeg(JPEGEncodingOptions(quality: quality + 1))).count
            #expect(above > at60)
            #expect(try FileAccess.read(output).count == report.bytes)

            // Under the floor's size: the pixels shrink, the file fits.
            let tight = try ExportJob.run(bytes, name: "coffee.png", output: output, options: ExportOptions(encoding: .webp(.init()), maxBytes: 4000))
            #expect(tight.scale < 1 && tight.bytes <= 4000 && tight.warnings.contains { $0.hasPrefix("shrunk to") })
        }
    }

    @Test func pngUsesTheStrongestCompressionBeforeShrinking() throws {
        try withTemporaryDirectory { directory in
            let bytes = try FileAccess.read(Self.photo)
            let output = directory.appendingPathComponent("o.png").path
            let pixels = try ImageCodec.decode(bytes).pixels
            let fast = try ImageCodec.encode(pixels, options: .png(.default)).count
            let strong = try ImageCodec.encode(pixels, options: .png(.level(9))).count
            try #require(strong < fast)
            let report = try ExportJob.run(bytes, name: "coffee.png", output: output, options: ExportOptions(encoding: .png(.default), maxBytes: strong))
            #expect(report.scale == 1 && report.bytes == strong)
        }
    }

    @Test func anUnreachableLimitIsNamed() throws {
        try withTemporaryDirectory { directory in
            let output = directory.appendingPathComponent("o.png").path
            #expect(throws: PipelineError.self) {
                try ExportJob.run(try FileAccess.read(Self.photo), name: "coffee.png", output: output, options: ExportOptions(encoding: .png(.default), maxBytes: 10))
            }
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }

    /// EXIF with GPS, XMP and a C2PA manifest go; the report names them and says the
    /// content credentials are not carried over.
    @Test func metadataIsStrippedAndNamed() throws {
        try withTemporaryDirectory { directory in
            let jpeg = try ImageCodec.encode(SyntheticImages.coordinates(width: 64, height: 48), options: .jpeg(.default))
            func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
                [0xFF, marker, UInt8((payload.count + 2) >> 8), UInt8((payload.count + 2) & 0xff)] + payload
            }
            // TIFF with IFD0 → a GPS IFD of one entry.
            var tiff: [UInt8] = Array("MM".utf8) + [0, 42, 0, 0, 0, 8, 0, 1]
            tiff += [0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26]
            tiff += [0, 0, 0, 0]
            tiff += [0, 1, 0, 0, 0, 1, 0, 0, 0, 4, 2, 2, 0, 0, 0, 0, 0, 0]
            let exif = segment(0xE1, Array("Exif".utf8) + [0, 0] + tiff)
            let xmp = segment(0xE1, Array("http://ns.adobe.com/xap/1.0/\u{0}<x:xmpmeta/>".utf8))
            let c2pa = segment(0xEB, Array("JP".utf8) + [0, 1, 0, 0, 0, 1, 0, 0, 0, 40] + Array("jumb".utf8) + [0, 0, 0, 20] + Array("jumdc2pa".utf8))
            let tagged = [0xFF, 0xD8] + exif + xmp + c2pa + jpeg.dropFirst(2)
            let input = try ImageCodec.readMetadata(tagged)
            try #require(input.hasGPS && input.hasXMP && input.hasC2PA)
            for format in [ImageFormat.jpeg, .png, .webp] {
                let output = directory.appendingPathComponent("o.\(format.rawValue)").path
                let report = try ExportJob.run(tagged, name: "tagged.jpg", output: output, options: ExportOptions(encoding: .default(for: format)))
                #expect(report.removed == ["EXIF", "GPS", "XMP", "C2PA"])
                #expect(report.warnings.contains { $0.contains("C2PA manifest") })
                let written = try ImageCodec.readMetadata(try FileAccess.read(output))
                #expect(!written.hasEXIF && !written.hasGPS && !written.hasXMP && !written.hasC2PA && written.iccProfile == nil)
            }
        }
    }
}
