import ImageCodecs
import ImageCore
import Testing
import TestSupport

@Suite struct DecodingLimitsTests {
    static let png = try! ImageCodec.encode(SyntheticImages.gradient(width: 300, height: 200), options: .png(.default))
    static let jpeg = try! ImageCodec.encode(SyntheticImages.gradient(width: 300, height: 200), options: .jpeg(.default))
    static let webp = try! ImageCodec.encode(SyntheticImages.gradient(width: 300, height: 200), options: .webp(.default))

    @Test(arguments: [png, jpeg, webp])
    func pixelLimitNamesLimitAndSize(bytes: [UInt8]) {
        let options = DecodingOptions(limits: DecodingLimits(maxPixels: 50_000))
        #expect(throws: CodecError.limitExceeded(.pixels, limit: 50_000, actual: 60_000, imageSize: PixelSize(width: 300, height: 200))) {
            try ImageCodec.decode(bytes, options: options)
        }
    }

    @Test(arguments: [png, jpeg, webp])
    func dimensionAndInputLimits(bytes: [UInt8]) {
        #expect(throws: CodecError.limitExceeded(.dimension, limit: 250, actual: 300, imageSize: PixelSize(width: 300, height: 200))) {
            try ImageCodec.decode(bytes, options: DecodingOptions(limits: DecodingLimits(maxDimension: 250)))
        }
        #expect(throws: CodecError.limitExceeded(.inputBytes, limit: 10, actual: bytes.count, imageSize: nil)) {
            try ImageCodec.decode(bytes, options: DecodingOptions(limits: DecodingLimits(maxInputBytes: 10)))
        }
    }

    /// A tiny file whose header claims 60000×60000 is refused from the header, before
    /// 14 GB would be allocated.
    @Test func decompressionBombIsRefusedFromTheHeader() throws {
        var bomb = Self.png
        let size: UInt32 = 60_000
        for (i, shift) in [24, 16, 8, 0].enumerated() {
            bomb[16 + i] = UInt8((size >> UInt32(shift)) & 0xff)
            bomb[20 + i] = UInt8((size >> UInt32(shift)) & 0xff)
        }
        let crc = CRC32.checksum(bomb[12..<29])
        for (i, shift) in [24, 16, 8, 0].enumerated() { bomb[29 + i] = UInt8((crc >> UInt32(shift)) & 0xff) }
        #expect(throws: CodecError.limitExceeded(.pixels, limit: 120_000_000, actual: 3_600_000_000, imageSize: PixelSize(width: 60_000, height: 60_000))) {
            try ImageCodec.decode(bomb, options: DecodingOptions(limits: DecodingLimits(maxDimension: 100_000)))
        }
        #expect(throws: CodecError.self) { try ImageCodec.decode(bomb) }
    }

    @Test func messagesSayLimitAndSize() {
        let error = CodecError.limitExceeded(.pixels, limit: 100, actual: 200, imageSize: PixelSize(width: 20, height: 10))
        #expect(error.description == "image has 200 pixels, more than the limit of 100 (image is 20×10)")
    }
}
