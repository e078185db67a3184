import ImageCore
import ImageOps
import Testing

/// `Mask(alphaOf:)` and its inverted form (OpenAI's convention) against the pixel
/// subscript, on padded rows and every layout.
@Suite struct MaskAlphaTests {
    /// A `width`×`height` buffer of `format` with rows padded by 5 bytes, every byte a
    /// hash of its place.
    static func sample(_ format: PixelFormat, width: Int = 37, height: Int = 11) -> PixelBuffer {
        let stride = width * format.bytesPerPixel + 5
        let bytes = (0..<(stride * height)).map { UInt8(truncatingIfNeeded: ($0 &* 40_503) >> 5) }
        return PixelBuffer(width: width, height: height, bytesPerRow: stride, format: format, bytes: bytes)
    }

    @Test(arguments: [PixelFormat.rgba8, .grayAlpha8, .rgba8Premultiplied])
    func coverageIsTheAlphaChannel(format: PixelFormat) {
        let image = Self.sample(format)
        let mask = Mask(alphaOf: image), inverted = Mask(alphaOf: image, inverted: true)
        for y in 0..<image.height {
            for x in 0..<image.width {
                let alpha = image[x, y].last!
                #expect(mask[x, y] == alpha)
                #expect(inverted[x, y] == 255 - alpha)
            }
        }
        #expect(MaskConvention.openai.mask(from: image) == inverted)
    }

    @Test(arguments: [PixelFormat.rgb8, .gray8])
    func anImageWithoutAlphaIsOpaque(format: PixelFormat) {
        let image = Self.sample(format)
        #expect(Mask(alphaOf: image) == Mask(width: image.width, height: image.height, fill: 255))
        #expect(Mask(alphaOf: image, inverted: true) == Mask(width: image.width, height: image.height, fill: 0))
    }
}
