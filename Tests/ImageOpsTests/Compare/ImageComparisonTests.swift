import Foundation
import ImageCore
@testable import ImageOps
import Testing
import TestSupport

/// Region maths, identical images, alpha handling, alignment, and SSIM against a direct
/// (non-separable, Double) evaluation of scikit-image's definition.
@Suite struct ImageComparisonTests {
    static let base = SyntheticImages.noise(width: 64, height: 48, seed: 3, opaque: true)

    static func painted(_ image: PixelBuffer, _ rect: PixelRect, _ colour: [UInt8]) -> PixelBuffer {
        var copy = image
        for y in rect.y..<rect.maxY { for x in rect.x..<rect.maxX { copy[x, y] = colour } }
        return copy
    }

    static func mask(_ rect: PixelRect, size: PixelSize) -> Mask {
        var mask = Mask(width: size.width, height: size.height)
        for y in rect.y..<rect.maxY { for x in rect.x..<rect.maxX { mask[x, y] = 255 } }
        return mask
    }

    /// Each region's metrics equal a direct evaluation over that region's pixels alone:
    /// ΔE statistics from its values (mean, max, numpy-interpolated p95/p99), changed
    /// count, and PSNR from its squared differences. A soft mask (coverage > 0 is inside).
    /// The larger size is tallied in four bands of rows and collected in two, side by side.
    @Test(arguments: [(64, 48), (1031, 613)])
    func eachRegionEqualsADirectEvaluationOverItsPixels(width: Int, height: Int) {
        let base = SyntheticImages.noise(width: width, height: height, seed: 3, opaque: true)
        let other = SyntheticImages.noise(width: width, height: height, seed: 9, opaque: true)
        var mask = Mask(width: width, height: height)
        let cx = width * 30 / 64, cy = height * 20 / 48, r2 = 300 * width * width / (64 * 64)
        for y in 0..<height { for x in 0..<width where (x - cx) * (x - cx) + (y - cy) * (y - cy) < r2 { mask[x, y] = UInt8(1 + (x * 7 + y) % 255) } }
        let c = ImageComparison.compare(base, other, mask: mask)
        let a = base.converted(to: .rgb8).packedBytes, b = other.converted(to: .rgb8).packedBytes
        for (region, metrics) in [(nil as Bool?, c.whole), (true, c.inside!), (false, c.outside!)] {
            var values: [Float] = [], squares = 0
            for y in 0..<height { for x in 0..<width {
                let i = y * width + x
                if let region, (mask[x, y] > 0) != region { continue }
                values.append(c.deltaE[i])
                for k in 0..<3 { let d = Int(a[3 * i + k]) - Int(b[3 * i + k]); squares += d * d }
            } }
            let sorted = values.sorted()
            func percentile(_ p: Double) -> Double {
                let rank = p * Double(sorted.count - 1), low = Int(rank.rounded(.down)), high = min(low + 1, sorted.count - 1)
                return Double(sorted[low]) + (Double(sorted[high]) - Double(sorted[low])) * (rank - rank.rounded(.down))
            }
            let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
            #expect(metrics.pixels == values.count)
            #expect(abs(metrics.deltaE2000.mean - mean) < 1e-9 && metrics.deltaE2000.max == Double(sorted.last!))
            #expect(abs(metrics.deltaE2000.p95 - percentile(0.95)) < 1e-6 && abs(metrics.deltaE2000.p99 - percentile(0.99)) < 1e-6)
            #expect(metrics.changedPixels == values.filter { $0 > 2 }.count)
            #expect(abs(metrics.psnr! - 10 * log10(255 * 255 / (Double(squares) / Double(3 * values.count)))) < 1e-9)
        }
    }

    /// Without SSIM, pixelmatch or shifts, a comparison works on the box around the
    /// pixels that differ: each region, the significant changes and the ΔE00 map equal
    /// those of the whole images (odd sizes; changes in the middle, at an edge, a single
    /// pixel, none; the mask reaching beyond the box).
    @Test func aComparisonOnTheDifferingBoxEqualsTheWholeImages() {
        let source = SyntheticImages.noise(width: 301, height: 203, seed: 5, opaque: true)
        let mask = Self.mask(PixelRect(x: 40, y: 30, width: 180, height: 120), size: source.size)
        let full = ComparisonOptions(alignmentRadius: 0, structuralSimilarity: false, countPixelmatch: true)
        var regionsOnly = ComparisonOptions.drift
        regionsOnly.perPixelDeltaE = true
        let edits: [(PixelBuffer, Bool)] = [
            (Self.painted(source, PixelRect(x: 90, y: 60, width: 40, height: 30), [200, 40, 40, 255]), true),
            (Self.painted(source, PixelRect(x: 270, y: 170, width: 31, height: 33), [20, 200, 90, 255]), true),
            (Self.painted(source, PixelRect(x: 150, y: 101, width: 1, height: 1), [255, 255, 255, 255]), true),
            (source, true),
            (SyntheticImages.noise(width: 301, height: 203, seed: 6, opaque: true), false),
        ]
        for (edited, local) in edits {
            #expect((ImageComparison.differingBox(source, edited) != nil) == local)
            for m in [mask, nil] {
                let boxed = ImageComparison.compare(source, edited, mask: m, options: regionsOnly)
                let whole = ImageComparison.compare(source, edited, mask: m, options: full)
                #expect(boxed.whole == whole.whole && boxed.inside == whole.inside && boxed.outside == whole.outside)
                #expect(boxed.significant == whole.significant && boxed.deltaE == whole.deltaE)
                // The drift report's options: the same metrics, no per-pixel plane.
                let drift = ImageComparison.compare(source, edited, mask: m, options: .drift)
                #expect(drift.whole == whole.whole && drift.outside == whole.outside && drift.significant == whole.significant && drift.deltaE.isEmpty)
            }
        }
    }

    @Test func identicalImagesChangeNothing() {
        let c = ImageComparison.compare(Self.base, Self.base)
        #expect(c.whole.changedPixels == 0 && c.pixelmatch == 0 && c.whole.psnr == nil)
        #expect(abs(c.whole.ssim! - 1) < 1e-6)
        #expect(c.whole.deltaE2000 == .zero)
        #expect(c.alignment?.dx == 0 && c.alignment?.dy == 0)
    }

    @Test func aChangeInsideTheMaskStaysInside() {
        let region = PixelRect(x: 10, y: 8, width: 20, height: 15)
        let edited = Self.painted(Self.base, PixelRect(x: 12, y: 10, width: 10, height: 10), [255, 0, 0, 255])
        let c = ImageComparison.compare(Self.base, edited, mask: Self.mask(region, size: Self.base.size))
        #expect(c.outside!.changedPixels == 0 && c.outside!.psnr == nil)
        #expect(c.inside!.changedPixels > 0 && c.inside!.pixels == 300)
        #expect(c.inside!.changedPixels == c.whole.changedPixels)
        #expect(c.inside!.pixels + c.outside!.pixels == 64 * 48)
    }

    @Test func aChangeOutsideShowsUpOnlyOutside() {
        let region = PixelRect(x: 10, y: 8, width: 20, height: 15)
        let edited = Self.painted(Self.base, PixelRect(x: 40, y: 30, width: 8, height: 6), [0, 0, 255, 255])
        let c = ImageComparison.compare(Self.base, edited, mask: Self.mask(region, size: Self.base.size))
        #expect(c.inside!.changedPixels == 0)
        #expect(c.outside!.changedPixels > 0 && c.outside!.changedFraction > 0)
    }

    @Test func aOnePixelShiftIsFoundByTheAlignmentSearch() {
        let size = PixelSize(width: 80, height: 60)
        let wide = SyntheticImages.noise(width: 82, height: 61, seed: 9, opaque: true)
        var a = PixelBuffer(width: size.width, height: size.height, format: .rgba8)
        var b = a
        for y in 0..<60 { for x in 0..<80 { a[x, y] = wide[x + 1, y]; b[x, y] = wide[x, y] } }
        let c = ImageComparison.compare(a, b)
        #expect(c.whole.changedFraction > 0.5)
        // A(x, y) = B(x + 1, y): B's content sits one pixel to the right.
        #expect(c.alignment == AlignmentResult(dx: 1, dy: 0, changedFraction: 0))
    }

    @Test func alphaIsReportedApartAndColourComparedOverWhite() {
        var a = PixelBuffer(width: 8, height: 8, format: .rgba8), b = a
        for y in 0..<8 { for x in 0..<8 { a[x, y] = [255, 255, 255, 255]; b[x, y] = [0, 0, 0, 0] } }
        let c = ImageComparison.compare(a, b)
        #expect(c.whole.changedPixels == 0, "transparent black over white is white")
        #expect(c.alpha == AlphaDifference(max: 255, mean: 255, changedPixels: 64))
    }

    @Test func deltaEAloneEqualsTheFullComparison() {
        let edited = Self.painted(Self.base, PixelRect(x: 5, y: 5, width: 20, height: 9), [10, 200, 30, 255])
        #expect(ImageComparison.deltaE(Self.base, edited) == ImageComparison.compare(Self.base, edited).deltaE)
        // With alpha both are composited over white: transparent black matches white.
        var a = PixelBuffer(width: 4, height: 1, format: .rgba8), b = a
        for x in 0..<4 { a[x, 0] = [255, 255, 255, 255]; b[x, 0] = x == 0 ? [0, 0, 0, 255] : [0, 0, 0, 0] }
        let values = ImageComparison.deltaE(a, b)
        #expect(values[0] > 99 && values[1...].allSatisfy { $0 == 0 }, "\(values)")
    }

    @Test func ssimEqualsTheDirectDefinition() {
        let a = SyntheticImages.noise(width: 23, height: 19, seed: 4, opaque: true)
        var b = a
        for y in 0..<19 { for x in 0..<23 where (x + y) % 3 == 0 { var p = b[x, y]; p[0] = p[0] / 2; p[2] = 255 - p[2]; b[x, y] = p } }
        let c = ImageComparison.compare(a, b, options: ComparisonOptions(alignmentRadius: 0))
        #expect(abs(c.whole.ssim! - Self.directSSIM(a, b)) < 1e-5)
    }

    /// scikit-image's SSIM written out directly: 2-D Gaussian window σ 1.5 (11×11,
    /// normalised), scipy `reflect` edges, population covariance, 5-pixel crop, mean of R, G, B.
    static func directSSIM(_ a: PixelBuffer, _ b: PixelBuffer) -> Double {
        let w = a.width, h = a.height
        let g: [Double] = (-5...5).map { exp(-0.5 * Double($0 * $0) / 2.25) }
        let total = g.reduce(0, +)
        func reflect(_ i: Int, _ n: Int) -> Int { var i = i; while i < 0 || i >= n { i = i < 0 ? -i - 1 : 2 * n - i - 1 }; return i }
        let c1: Double = (0.01 * 255) * (0.01 * 255), c2: Double = (0.03 * 255) * (0.03 * 255)
        var sum = 0.0
        for channel in 0..<3 {
            for y in 5..<(h - 5) { for x in 5..<(w - 5) {
                var mx = 0.0, my = 0.0, mxx = 0.0, myy = 0.0, mxy = 0.0
                for dy in -5...5 { for dx in -5...5 {
                    let weight = g[dy + 5] * g[dx + 5] / (total * total)
                    let p = Double(a[reflect(x + dx, w), reflect(y + dy, h)][channel]), q = Double(b[reflect(x + dx, w), reflect(y + dy, h)][channel])
                    mx += weight * p; my += weight * q; mxx += weight * p * p; myy += weight * q * q; mxy += weight * p * q
                } }
                let vx = mxx - mx * mx, vy = myy - my * my, vxy = mxy - mx * my
                sum += ((2 * mx * my + c1) * (2 * vxy + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))
            } }
        }
        return sum / Double(3 * (w - 10) * (h - 10))
    }
}
