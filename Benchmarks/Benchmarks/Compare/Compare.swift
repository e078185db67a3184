import Benchmark
import ImageCore
import ImageOps

/// Comparison benchmarks on a generated 2048×2048 pair. Names: `Compare.<part>`.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(3), maxIterations: 10)

    func frame(seed: UInt32, noise: Int) -> PixelBuffer {
        var image = PixelBuffer(width: 2048, height: 2048, format: .rgba8)
        var state = seed
        image.withUnsafeMutableBytes { bytes in
            for y in 0..<2048 {
                for x in 0..<2048 {
                    state = state &* 1_664_525 &+ 1_013_904_223
                    let i = (y * 2048 + x) * 4, n = Int(state >> 28) * noise / 16
                    bytes[i] = UInt8(clamping: x / 8 + n); bytes[i + 1] = UInt8(clamping: y / 8 + n)
                    bytes[i + 2] = UInt8(clamping: ((x ^ y) & 255) + n); bytes[i + 3] = 255
                }
            }
        }
        return image
    }
    let a = frame(seed: 1, noise: 0), b = frame(seed: 2, noise: 6)

    Benchmark("Compare.full-2048x2048") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(ImageComparison.compare(a, b)) }
    }
    Benchmark("Compare.without-alignment-2048x2048") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(ImageComparison.compare(a, b, options: ComparisonOptions(alignmentRadius: 0))) }
    }
    // Issue 6's "ΔE00 + count path" (target ≤ 15 ms per megapixel, so ≤ 63 ms here): the
    // per-pixel CIEDE2000 of opaque RGB8 frames and the count above 2.0.
    let rgbA = a.converted(to: .rgb8), rgbB = b.converted(to: .rgb8)
    Benchmark("Compare.deltaE-count-2048x2048") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ImageComparison.deltaE(rgbA, rgbB).reduce(0) { $0 + ($1 > 2 ? 1 : 0) })
        }
    }
    Benchmark("Compare.pixelmatch-2048x2048") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Pixelmatch.compare(a, b)) }
    }
    Benchmark("Compare.ciede2000-reference-1M-pairs") { benchmark in
        let labA = SRGBToLab.lab(120, 60, 30), labB = SRGBToLab.lab(118, 66, 29)
        for _ in benchmark.scaledIterations {
            var total = 0.0
            for i in 0..<1_000_000 { total += CIEDE2000.difference(labA, (labB.l + Double(i & 7), labB.a, labB.b)) }
            blackHole(total)
        }
    }
}
