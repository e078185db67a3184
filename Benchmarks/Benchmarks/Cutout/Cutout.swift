import Benchmark
import ImageCore
import ImageOps

/// Cut-out benchmarks on a generated 2048×2048 product on a white backdrop (a ring with a
/// hole, a grey-outlined white body, a soft shadow). Names: `Cutout.<variant>`.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(3), maxIterations: 10)

    let size = PixelSize(width: 2048, height: 2048)
    let subject = (try? ShapeRenderer.render([
        MaskShape(.ellipse(cx: .pixels(1024), cy: .pixels(900), rx: .pixels(600), ry: .pixels(600))),
        MaskShape(.ellipse(cx: .pixels(1024), cy: .pixels(900), rx: .pixels(250), ry: .pixels(250)), operation: .subtract),
    ], size: size)) ?? CoveragePlane(width: 2048, height: 2048)
    let shadow = ((try? ShapeRenderer.render([MaskShape(.ellipse(cx: .pixels(1024), cy: .pixels(1600), rx: .pixels(700), ry: .pixels(80)))],
                                              size: size)) ?? CoveragePlane(width: 2048, height: 2048)).blurred(sigma: 30)
    var image = PixelBuffer(width: 2048, height: 2048, format: .rgba8)
    image.withUnsafeMutableBytes { bytes in
        for i in 0..<(2048 * 2048) {
            let c = subject.values[i], s = 1 - 0.4 * shadow.values[i]
            let back = 255 * s
            bytes[4 * i] = UInt8((back * (1 - c) + 200 * c).rounded())
            bytes[4 * i + 1] = UInt8((back * (1 - c) + 120 * c).rounded())
            bytes[4 * i + 2] = UInt8((back * (1 - c) + 40 * c).rounded())
            bytes[4 * i + 3] = 255
        }
    }

    Benchmark("Cutout.product-2048x2048") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Cutout.apply(image)) }
    }
    Benchmark("Cutout.product-2048x2048-lossy") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Cutout.apply(image, options: CutoutOptions(lossyInput: true))) }
    }
    Benchmark("Cutout.backdrop-model-2048x2048") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(BackdropModel(fitting: image)) }
    }
}
