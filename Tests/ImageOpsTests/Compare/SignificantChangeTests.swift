import ImageCodecs
import ImageCore
@testable import ImageOps
import Testing
import TestSupport

@Suite struct SignificantChangeTests {
    static func photo(_ name: String) throws -> PixelBuffer {
        try ImageCodec.decode(try FixtureFiles.bytes("inputs/" + name)).upright().converted(to: .rgb8)
    }

    /// Re-saving a photo with no edit is codec noise: no significant region, under 0.5 %.
    @Test(arguments: ["coffee.png", "rocket.jpg"])
    func resavesAreNoise(name: String) throws {
        let photo = try Self.photo(name)
        for options in [EncodingOptions.jpeg(JPEGEncodingOptions(quality: 85)), .jpeg(JPEGEncodingOptions(quality: 92)), .webp(WebPEncodingOptions(quality: 90))] {
            let resaved = try ImageCodec.decode(try ImageCodec.encode(photo, options: options)).pixels
            let comparison = ImageComparison.compare(photo, resaved)
            #expect(comparison.significant.regionCount == 0, "\(name) \(options): \(comparison.significant.regions)")
            #expect(comparison.significant.changedFraction < 0.005)
            // The per-pixel count at ΔE00 2 is what this replaces.
            if case .jpeg = options, name == "coffee.png" { #expect(comparison.whole.changedFraction > 0.1) }
        }
    }

    /// Images one block wide or high (a 1×1 pair of bright pixels trapped on an 8-bit
    /// overflow before): the averages stay the pixels' own values, and a change that
    /// covers such an image is too small to be a region.
    @Test(arguments: [(1, 1), (1, 7), (3, 1), (2, 2), (5, 3)])
    func imagesOneBlockAcrossAverageTheirOwnPixels(width: Int, height: Int) {
        let bright = PixelBuffer(width: width, height: height, format: .rgb8) { bytes, stride in
            for y in 0..<height { for x in 0..<3 * width { bytes[y * stride + x] = 250 } }
        }
        let dark = PixelBuffer(width: width, height: height, format: .rgb8)
        let averaged = SignificantChange.averaged(bright.packedBytes, width: width, height: height, to: (max(1, width / 2), max(1, height / 2)))
        #expect(averaged.allSatisfy { $0 == 250 })
        let comparison = ImageComparison.compare(bright, dark)
        #expect(comparison.significant.regionCount == 0 && comparison.whole.changedPixels == width * height)
    }

    /// A 16×16 patch recoloured (ΔE00 ≈ 10+) is one region with its box, inside the mask.
    @Test func aSmallEditIsFound() throws {
        let photo = try Self.photo("coffee.png")
        var edited = photo.converted(to: .rgba8)
        for y in 200..<216 { for x in 100..<116 { edited[x, y] = [30, 160, 60, 255] } }
        var mask = Mask(width: photo.width, height: photo.height)
        for y in 190..<230 { for x in 90..<130 { mask[x, y] = 255 } }
        let jpeg = try ImageCodec.decode(try ImageCodec.encode(edited, options: .jpeg(JPEGEncodingOptions(quality: 90)))).pixels
        let s = ImageComparison.compare(photo, jpeg, mask: mask).significant
        #expect(s.regionCount == 1)
        let box = try #require(s.regions.first).box
        #expect(abs(box.x - 100) <= 4 && abs(box.y - 200) <= 4 && abs(box.maxX - 116) <= 4 && abs(box.maxY - 216) <= 4, "\(box)")
        #expect((s.outside ?? 1) == 0 && (s.inside ?? 0) > 0.1)
    }
}
