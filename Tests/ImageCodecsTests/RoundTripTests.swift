import ImageCodecs
import ImageCore
import Testing
import TestSupport

@Suite struct RoundTripTests {
    static let images: [(String, PixelBuffer)] =
        SyntheticImages.oddSizes.map { ("noise \($0)×\($1)", SyntheticImages.noise(width: $0, height: $1, seed: UInt64($0 * 1000 + $1))) }
        + [("alpha ramp", SyntheticImages.alphaRamp(width: 64, height: 64)),
           ("gradient", SyntheticImages.gradient(width: 100, height: 37)),
           ("opaque noise", SyntheticImages.noise(width: 40, height: 30, seed: 9, opaque: true))]

    @Test(arguments: images.map(\.0))
    func pngIsBitExact(name: String) throws {
        let image = try #require(Self.images.first { $0.0 == name }?.1)
        for options in [PNGEncodingOptions.default, .level(0), .level(6), .level(9)] {
            let encoded = try ImageCodec.encode(image, options: .png(options))
            #expect(try ImageCodec.decode(encoded).pixels == image, "\(options)")
        }
    }

    @Test(arguments: images.map(\.0))
    func losslessWebPIsBitExact(name: String) throws {
        let image = try #require(Self.images.first { $0.0 == name }?.1)
        let encoded = try ImageCodec.encode(image, options: .webp(WebPEncodingOptions(lossless: true)))
        #expect(try ImageCodec.decode(encoded).pixels == image)
    }

    /// JPEG q95: on a smooth gradient every channel is within 6 levels and the PSNR is
    /// over 40 dB (4:2:0 default); 4:4:4 is within 3 levels.
    @Test func jpegQuality95StaysClose() throws {
        let image = SyntheticImages.gradient(width: 256, height: 192)
        let encoded = try ImageCodec.encode(image, options: .jpeg(JPEGEncodingOptions(quality: 95)))
        let difference = ImageDifference(try ImageCodec.decode(encoded).pixels, image, channels: 3)
        #expect(difference.maxAbs <= 6, "\(difference)")
        #expect(difference.psnr > 40, "\(difference)")
        let full = try ImageCodec.encode(image, options: .jpeg(JPEGEncodingOptions(quality: 95, chroma: .yuv444, progressive: true)))
        let decodedFull = try ImageCodec.decode(full)
        #expect(decodedFull.metadata.compression == "progressive")
        #expect(ImageDifference(decodedFull.pixels, image, channels: 3).maxAbs <= 3)
    }

    @Test func photoRoundTripsThroughEveryFormat() throws {
        let photo = try ImageCodec.decode(try FixtureFiles.bytes("inputs/coffee.png")).pixels
        #expect(try ImageCodec.decode(try ImageCodec.encode(photo, options: .png(.default))).pixels == photo)
        #expect(try ImageCodec.decode(try ImageCodec.encode(photo, options: .webp(WebPEncodingOptions(lossless: true)))).pixels == photo)
        let jpeg = try ImageCodec.decode(try ImageCodec.encode(photo, options: .jpeg(JPEGEncodingOptions(quality: 95))))
        #expect(ImageDifference(jpeg.pixels, photo, channels: 3).psnr > 36)   // 37.5 dB measured (q95, 4:2:0)
        let webp = try ImageCodec.decode(try ImageCodec.encode(photo, options: .webp(WebPEncodingOptions(quality: 90))))
        #expect(ImageDifference(webp.pixels, photo, channels: 3).psnr > 34)
    }
}
