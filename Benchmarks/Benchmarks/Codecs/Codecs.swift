import Benchmark
import Foundation
import ImageCodecs
import ImageCore

/// Codec benchmarks on the test fixtures and a generated 4K RGBA frame.
/// Names follow `Area.operation.variant`.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(3), maxIterations: 50)

    let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/inputs")
    func fixture(_ name: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: fixtures.appendingPathComponent(name)))) ?? []
    }

    for (name, file) in [("png.coffee-600x400", "coffee.png"), ("jpeg.rocket-640x427", "rocket.jpg"),
                         ("jpeg.exif6-400x600", "coffee-orientation-6.jpg"), ("webp.lossless-alpha-300x200", "coffee-cutout-300x200.webp")] {
        let bytes = fixture(file)
        Benchmark("Decode.\(name)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try ImageCodec.decode(bytes)) }
        }
    }

    // A 3840×2160 RGBA frame: smooth content with noise and a soft alpha edge, like J6.
    let frame: PixelBuffer = {
        var image = PixelBuffer(width: 3840, height: 2160, format: .rgba8)
        var state: UInt32 = 12345
        image.withUnsafeMutableBytes { bytes in
            for y in 0..<2160 {
                for x in 0..<3840 {
                    state = state &* 1_664_525 &+ 1_013_904_223
                    let i = (y * 3840 + x) * 4
                    let noise = Int(state >> 28)
                    bytes[i] = UInt8(clamping: x / 16 + noise)
                    bytes[i + 1] = UInt8(clamping: y / 9 + noise)
                    bytes[i + 2] = UInt8(clamping: (x + y) / 24 + noise)
                    bytes[i + 3] = UInt8(clamping: max(0, min(255, (x - 1600) / 2)))
                }
            }
        }
        return image
    }()

    for (name, options) in [("fast", PNGEncodingOptions.default), ("level1", .level(1)), ("level6", .level(6))] {
        Benchmark("Encode.png.\(name)-4k-rgba", configuration: .init(maxIterations: 5)) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try ImageCodec.encode(frame, options: .png(options)))
            }
        }
    }
    Benchmark("Encode.jpeg.q85-4k", configuration: .init(maxIterations: 10)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try ImageCodec.encode(frame, options: .jpeg(JPEGEncodingOptions(quality: 85)))) }
    }
    Benchmark("Orient.rotate90.4k-rgba", configuration: .init(maxIterations: 20)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(frame.oriented(.rotate90Clockwise)) }
    }
}
