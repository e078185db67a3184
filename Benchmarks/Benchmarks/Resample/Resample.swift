import Benchmark
import ImageCore
import ImageOps

/// Resampling benchmarks on generated photo-like frames. Names: `Resample.<filter>.<path>-<from>-<to>`.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(3), maxIterations: 30)

    func frame(_ width: Int, _ height: Int, alpha: Bool) -> PixelBuffer {
        var image = PixelBuffer(width: width, height: height, format: .rgba8)
        var state: UInt32 = 99
        image.withUnsafeMutableBytes { bytes in
            for y in 0..<height {
                for x in 0..<width {
                    state = state &* 1_664_525 &+ 1_013_904_223
                    let i = (y * width + x) * 4, noise = Int(state >> 27)
                    bytes[i] = UInt8(clamping: x * 255 / width + noise)
                    bytes[i + 1] = UInt8(clamping: y * 255 / height + noise)
                    bytes[i + 2] = UInt8(clamping: (x ^ y) & 255)
                    bytes[i + 3] = alpha ? UInt8(clamping: x * 255 / width) : 255
                }
            }
        }
        return image
    }

    // J1 after shrink-on-load: 2112×1584 → 1024×768; J3: 4K crop 1728×2160 → 1080×1350.
    let j1 = frame(2112, 1584, alpha: false)
    let j3 = frame(1728, 2160, alpha: false)
    let j3Alpha = frame(1728, 2160, alpha: true)
    for filter in [ResampleFilter.lanczos3, .bilinear] {
        Benchmark("Resample.\(filter.rawValue).fast-2112x1584-1024x768") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(j1.resized(to: PixelSize(width: 1024, height: 768), options: ResampleOptions(filter: filter))) }
        }
    }
    Benchmark("Resample.opacity-scan-2112x1584") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(j1.isOpaque) }
    }
    Benchmark("Resample.lanczos3.float-2112x1584-1024x768") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(j1.resized(to: PixelSize(width: 1024, height: 768), options: ResampleOptions(allowFastPath: false)))
        }
    }
    Benchmark("Resample.lanczos3.fast-1728x2160-1080x1350") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(j3.resized(to: PixelSize(width: 1080, height: 1350))) }
    }
    Benchmark("Resample.lanczos3.alpha-1728x2160-1080x1350") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(j3Alpha.resized(to: PixelSize(width: 1080, height: 1350))) }
    }
    Benchmark("Resample.lanczos3.linear-1728x2160-1080x1350") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(j3.resized(to: PixelSize(width: 1080, height: 1350), options: ResampleOptions(linearLight: true))) }
    }
}
