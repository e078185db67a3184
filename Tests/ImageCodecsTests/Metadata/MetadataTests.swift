import ImageCodecs
import ImageCore
import Testing
import TestSupport

@Suite struct MetadataTests {
    static let image = SyntheticImages.gradient(width: 40, height: 30)
    static let profile = ICCProfileBuilder.profile(description: "Retouch Test RGB")

    @Test(arguments: ImageFormat.allCases)
    func iccProfileRoundTripsWithItsDescription(format: ImageFormat) throws {
        let options: EncodingOptions = switch format {
        case .png: .png(PNGEncodingOptions(iccProfile: Self.profile))
        case .jpeg: .jpeg(JPEGEncodingOptions(iccProfile: Self.profile))
        case .webp: .webp(WebPEncodingOptions(iccProfile: Self.profile))
        }
        // A grey image with an RGB profile must stay RGB in PNG (libpng refuses the mix).
        let grey = Self.image.converted(to: .gray8).converted(to: .rgba8)
        for source in [Self.image, grey] {
            let decoded = try ImageCodec.decode(try ImageCodec.encode(source, options: options))
            #expect(decoded.metadata.iccProfile == Self.profile)
            #expect(decoded.metadata.iccDescription == "Retouch Test RGB")
        }
    }

    @Test func largeICCProfileSpansSeveralJPEGSegments() throws {
        var profile = ICCProfileBuilder.profile(description: "Large")
        let padding = 150_000
        profile += [UInt8](repeating: 7, count: padding)
        let size = profile.count
        for (i, shift) in [24, 16, 8, 0].enumerated() { profile[i] = UInt8((size >> shift) & 0xff) }
        let jpeg = try ImageCodec.encode(Self.image, options: .jpeg(JPEGEncodingOptions(iccProfile: profile)))
        let metadata = try ImageCodec.readMetadata(jpeg)
        #expect(metadata.iccProfile == profile)
        #expect(metadata.iccDescription == "Large")
    }

    @Test(arguments: [false, true])
    func jpegEXIFOrientationInBothByteOrders(littleEndian: Bool) throws {
        let jpeg = try ImageCodec.encode(SyntheticImages.coordinates(width: 12, height: 5), options: .jpeg(JPEGEncodingOptions(quality: 100, chroma: .yuv444)))
        let tagged = FixtureGenerator.insertEXIF(orientation: 8, into: jpeg, littleEndian: littleEndian)
        let decoded = try ImageCodec.decode(tagged)
        #expect(decoded.metadata.hasEXIF)
        #expect(decoded.metadata.exifOrientationValue == 8)
        #expect(decoded.upright().size == PixelSize(width: 5, height: 12))
    }

    @Test func pngChunksAreReported() throws {
        let png = try ImageCodec.encode(Self.image, options: .png(.default))
        let exifPayload = Array(FixtureGenerator.insertEXIF(orientation: 3, into: [0xFF, 0xD8]).dropFirst(12))
        var tagged = FixtureGenerator.insertChunk("eXIf", exifPayload, intoPNG: png)
        tagged = FixtureGenerator.insertChunk("iTXt", Array("XML:com.adobe.xmp".utf8) + [0, 0, 0, 0, 0] + Array("<x:xmpmeta/>".utf8), intoPNG: tagged)
        tagged = FixtureGenerator.insertChunk("caBX", Array("jumbc2pa".utf8), intoPNG: tagged)
        let decoded = try ImageCodec.decode(tagged)
        #expect(decoded.metadata.hasEXIF)
        #expect(decoded.metadata.orientation == .rotate180)
        #expect(decoded.metadata.hasXMP)
        #expect(decoded.metadata.hasC2PA)
        #expect(!decoded.metadata.hasGPS)
        #expect(decoded.upright() == decoded.pixels.oriented(.rotate180))
    }

    @Test func jpegC2PAAndXMPSegmentsAreReported() throws {
        let jpeg = try ImageCodec.encode(Self.image, options: .jpeg(.default))
        func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
            let length = payload.count + 2
            return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xff)] + payload
        }
        let xmp = segment(0xE1, Array("http://ns.adobe.com/xap/1.0/\u{0}<x:xmpmeta/>".utf8))
        let c2pa = segment(0xEB, Array("JP".utf8) + [0, 1, 0, 0, 0, 1, 0, 0, 0, 40] + Array("jumb".utf8) + [0, 0, 0, 20] + Array("jumdc2pa".utf8))
        let tagged = [0xFF, 0xD8] + xmp + c2pa + jpeg.dropFirst(2)
        let metadata = try ImageCodec.readMetadata(tagged)
        #expect(metadata.hasXMP)
        #expect(metadata.hasC2PA)
        #expect(!metadata.hasEXIF)
    }

    @Test func gpsIFDIsDetected() throws {
        // TIFF (big-endian): IFD0 with Orientation 1 and a GPS pointer to an IFD with one entry.
        var tiff: [UInt8] = Array("MM".utf8) + [0, 42, 0, 0, 0, 8, 0, 2]
        tiff += [0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 1, 0, 0]
        tiff += [0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]
        tiff += [0, 0, 0, 0]
        tiff += [0, 1, 0, 0, 0, 1, 0, 0, 0, 4, 2, 2, 0, 0, 0, 0, 0, 0]
        let png = FixtureGenerator.insertChunk("eXIf", tiff, intoPNG: try ImageCodec.encode(Self.image, options: .png(.default)))
        let metadata = try ImageCodec.readMetadata(png)
        #expect(metadata.hasGPS)
        #expect(metadata.orientation == .identity)
    }

    @Test func readMetadataDoesNotNeedPixels() throws {
        let metadata = try ImageCodec.readMetadata(try FixtureFiles.bytes("inputs/coffee-cutout-300x200.webp"))
        #expect(metadata.format == .webp)
        #expect(metadata.width == 300 && metadata.height == 200)
        #expect(metadata.hasAlphaChannel)
        #expect(metadata.compression == "lossless")
    }
}
