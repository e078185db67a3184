import Benchmark
import ImageCore
import ImageOps

/// Mask benchmarks on a 3840×2160 plane. Names: `Mask.<operation>.<variant>`.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(3), maxIterations: 20)

    let size = PixelSize(width: 3840, height: 2160)
    // 50 shapes: 25 ellipses and 25 pentagons spread over the frame (deterministic).
    var state: UInt64 = 5
    func next() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) / Double(1 << 53) }
    var shapes: [MaskShape] = []
    for i in 0..<50 {
        let cx = 100 + next() * 3640, cy = 100 + next() * 1960, r = 20 + next() * 300
        if i % 2 == 0 {
            shapes.append(MaskShape(.ellipse(cx: .pixels(cx), cy: .pixels(cy), rx: .pixels(r), ry: .pixels(r * 0.7))))
        } else {
            let points = (0..<5).map { k -> (ShapeLength, ShapeLength) in
                let angle = Double(k) * 2 * Double.pi / 5
                return (.pixels(cx + r * cosine(angle)), .pixels(cy + r * sine(angle)))
            }
            shapes.append(MaskShape(.polygon(points: points, rule: .nonZero)))
        }
    }
    let drawn = (try? ShapeRenderer.render(shapes, size: size)) ?? CoveragePlane(width: 3840, height: 2160)

    Benchmark("Mask.rasterise.50-shapes-3840x2160") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try ShapeRenderer.render(shapes, size: size)) }
    }
    for radius in [10.0, 40.0, 80.0] {
        Benchmark("Mask.feather.gaussian-r\(Int(radius))") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(drawn.feathered(radius: radius, mode: .gaussian)) }
        }
    }
    Benchmark("Mask.grow.8px") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(drawn.offset(by: 8)) }
    }
    Benchmark("Mask.quantise") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(drawn.mask) }
    }
}

/// cos and sin by Taylor series around the nearest quarter turn would be overkill here:
/// the shapes only need to be deterministic, so use the standard library's via Double.
private func cosine(_ x: Double) -> Double { sine(x + Double.pi / 2) }
private func sine(_ x: Double) -> Double {
    var x = x.truncatingRemainder(dividingBy: 2 * Double.pi)
    if x > Double.pi { x -= 2 * Double.pi }
    var term = x, sum = x
    for n in 1..<12 { term *= -x * x / Double((2 * n) * (2 * n + 1)); sum += term }
    return sum
}
