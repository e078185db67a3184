import ImageCore
import ImageOps
import Testing
import TestSupport

@Suite struct ResampleTests {
    static let sizes: [(PixelSize, PixelSize)] = [
        (PixelSize(width: 64, height: 48), PixelSize(width: 32, height: 24)),
        (PixelSize(width: 100, height: 37), PixelSize(width: 27, height: 10)),
        (PixelSize(width: 20, height: 30), PixelSize(width: 53, height: 71)),
        (PixelSize(width: 1, height: 1), PixelSize(width: 5, height: 3)),
        (PixelSize(width: 257, height: 1), PixelSize(width: 10, height: 1)),
        (PixelSize(width: 3, height: 5), PixelSize(width: 1, height: 1)),
    ]

    static func constant(_ size: PixelSize, _ pixel: [UInt8]) -> PixelBuffer {
        var image = PixelBuffer(width: size.width, height: size.height, format: .rgba8)
        for y in 0..<size.height { for x in 0..<size.width { image[x, y] = pixel } }
        return image
    }

    @Test(arguments: ResampleFilter.allCases, [false, true])
    func constantImageStaysConstant(filter: ResampleFilter, linear: Bool) {
        for (from, to) in Self.sizes {
            for pixel: [UInt8] in [[200, 40, 90, 255], [10, 250, 120, 77]] {
                let result = Self.constant(from, pixel).resized(to: to, options: ResampleOptions(filter: filter, linearLight: linear))
                #expect(result.size == to)
                let expected = pixel
                var worst = 0
                for y in 0..<to.height { for x in 0..<to.width {
                    for c in 0..<4 { worst = max(worst, abs(Int(result[x, y][c]) - Int(expected[c]))) }
                } }
                #expect(worst <= 1, "\(filter) \(from)→\(to) linear \(linear): off by \(worst)")
            }
        }
    }

    @Test(arguments: ResampleFilter.allCases)
    func checkerboardShrunkTwiceBecomesFlatGrey(filter: ResampleFilter) {
        var board = PixelBuffer(width: 64, height: 64, format: .rgba8)
        for y in 0..<64 { for x in 0..<64 { let v: UInt8 = (x + y) % 2 == 0 ? 255 : 0; board[x, y] = [v, v, v, 255] } }
        let small = board.resized(to: PixelSize(width: 32, height: 32), options: ResampleOptions(filter: filter))
        for y in 4..<28 { for x in 4..<28 {
            let v = Int(small[x, y][0])
            #expect(abs(v - 128) <= 2, "\(filter) at (\(x), \(y)): \(v)")
        } }
    }

    @Test func opaqueStaysOpaqueAndTransparentColourDoesNotBleed() {
        // Left half opaque red; right half fully transparent but green underneath.
        var image = PixelBuffer(width: 40, height: 10, format: .rgba8)
        for y in 0..<10 { for x in 0..<40 { image[x, y] = x < 20 ? [255, 0, 0, 255] : [0, 255, 0, 0] } }
        for filter in ResampleFilter.allCases {
            for size in [PixelSize(width: 13, height: 4), PixelSize(width: 97, height: 23)] {
                let result = image.resized(to: size, options: ResampleOptions(filter: filter))
                for y in 0..<size.height { for x in 0..<size.width {
                    let p = result[x, y]
                    if p[3] > 0 { #expect(p[1] == 0 && p[0] >= 250, "\(filter) \(size) (\(x), \(y)): \(p)") }
                } }
            }
        }
        let opaque = SyntheticImages.noise(width: 50, height: 40, seed: 5, opaque: true)
        #expect(opaque.resized(to: PixelSize(width: 17, height: 71)).isOpaque)
        #expect(opaque.resized(to: PixelSize(width: 17, height: 71), options: ResampleOptions(allowFastPath: false)).isOpaque)
    }

    @Test(arguments: ResampleFilter.allCases)
    func fastPathAgreesWithFloatWithinOneLevel(filter: ResampleFilter) {
        for (index, (from, to)) in Self.sizes.enumerated() {
            let image = SyntheticImages.noise(width: from.width, height: from.height, seed: UInt64(index + 1), opaque: true)
            let fast = image.resized(to: to, options: ResampleOptions(filter: filter))
            let exact = image.resized(to: to, options: ResampleOptions(filter: filter, allowFastPath: false))
            let difference = ImageDifference(fast, exact)
            #expect(difference.maxAbs <= 1, "\(filter) \(from)→\(to): \(difference)")
        }
    }

    @Test(arguments: [true, false])
    func resamplingARegionEqualsCroppingFirst(fastPath: Bool) throws {
        for (index, opaque) in [true, false].enumerated() {
            let image = SyntheticImages.noise(width: 90, height: 70, seed: UInt64(10 + index), opaque: opaque)
            let region = PixelRect(x: 13, y: 7, width: 41, height: 55)
            let options = ResampleOptions(allowFastPath: fastPath)
            let direct = image.resized(to: PixelSize(width: 17, height: 23), from: region, options: options)
            let viaCrop = try image.cropped(to: region).resized(to: PixelSize(width: 17, height: 23), options: options)
            #expect(direct == viaCrop)
        }
    }

    @Test func formatIsPreserved() {
        let gray = SyntheticImages.gradient(width: 30, height: 20).converted(to: .gray8)
        let result = gray.resized(to: PixelSize(width: 15, height: 10))
        #expect(result.format == .gray8)
        #expect(SyntheticImages.gradient(width: 30, height: 20).converted(to: .rgb8).resized(to: PixelSize(width: 7, height: 9)).format == .rgb8)
    }

    /// Shrinking a gradient keeps it a gradient: each output equals the mean of the input
    /// span it covers (within 1 level for the box filter).
    @Test func boxShrinkAveragesExactly() {
        var ramp = PixelBuffer(width: 256, height: 1, format: .rgba8)
        for x in 0..<256 { ramp[x, 0] = [UInt8(x), UInt8(255 - x), 0, 255] }
        let small = ramp.resized(to: PixelSize(width: 64, height: 1), options: ResampleOptions(filter: .box))
        for x in 0..<64 {
            let mean = Double(4 * x + 4 * x + 3) / 2
            #expect(abs(Double(small[x, 0][0]) - mean) <= 1)
        }
    }
}
