import RealModule

/// Gaussian blur of a Float plane, separable, edges extended (replicated).
///
/// σ < `exactBelow`: the sampled kernel, truncated at 4σ and normalised. Larger σ:
/// `boxPasses` extended box filters per axis (Gwosdek, Grewenig, Bruhn & Weickert,
/// "Theoretical foundations of Gaussian convolution by extended box filtering", 2011):
/// integer boxes plus a fractional end weight so the variance is exactly σ², at a cost
/// per pixel that does not depend on σ. Four passes stay within 2/255 of the exact
/// Gaussian on a step edge (within 3.5/255 where a horizontal and a vertical edge meet).
/// The edges are extended once, before the first pass, with a margin the passes cannot
/// cross, so the result is the blur of the extended image, not of a re-extended one.
enum GaussianBlur {
    static let exactBelow = 2.0
    static let boxPasses = 4

    static func blur(_ values: inout [Float], width: Int, height: Int, sigma: Double) {
        guard sigma > 0 else { return }
        if sigma < exactBelow {
            var scratch = [Float](repeating: 0, count: values.count)
            let kernel = sampledKernel(sigma: sigma)
            convolveRows(values, into: &scratch, width: width, height: height, kernel: kernel)
            convolveColumns(scratch, into: &values, width: width, height: height, kernel: kernel)
            return
        }
        let box = ExtendedBox(variance: sigma * sigma / Double(boxPasses))
        boxBlurRows(&values, width: width, height: height, box: box)
        boxBlurColumns(&values, width: width, height: height, box: box)
    }

    /// Lanes processed together: eight rows (or columns) at once, one SIMD8 per position.
    typealias Lanes = SIMD8<Float>

    /// Margin each side of a line: far enough that the extended edge values the passes
    /// smear inward never reach the line itself (each pass reaches r + 1 further).
    static func margin(_ box: ExtendedBox) -> Int { boxPasses * (box.radius + 1) + 1 }

    /// All box passes along one line of `Lanes`, in place. `line` holds `count` values
    /// after `margin` copies of the first and before `margin` of the last (the edge
    /// extended once, before the first pass, as a Gaussian of the extended signal needs).
    private static func boxPasses(_ line: UnsafeMutablePointer<Lanes>, _ scratch: UnsafeMutablePointer<Lanes>, count: Int, box: ExtendedBox) {
        let r = box.radius, pad = margin(box), length = count + 2 * pad
        let scale = Lanes(repeating: 1 / box.norm), alpha = Lanes(repeating: box.alpha)
        for i in 0..<pad { line[i] = line[pad]; line[pad + count + i] = line[pad + count - 1] }
        scratch.update(from: line, count: length)
        var source = line, target = scratch
        for _ in 0..<boxPasses {
            var sum = Lanes.zero
            for j in 1...(2 * r + 1) { sum += source[j] }
            for c in (r + 1)..<(length - r - 1) {
                target[c] = (sum + alpha * (source[c - r - 1] + source[c + r + 1])) * scale
                sum += source[c + r + 1] - source[c - r]
            }
            swap(&source, &target)
        }
        if source != line { line.update(from: source, count: length) }
    }

    /// Horizontal passes, eight rows at a time (gathered into lanes).
    private static func boxBlurRows(_ values: inout [Float], width: Int, height: Int, box: ExtendedBox) {
        let pad = margin(box), length = width + 2 * pad
        let line = UnsafeMutablePointer<Lanes>.allocate(capacity: length), scratch = UnsafeMutablePointer<Lanes>.allocate(capacity: length)
        defer { line.deallocate(); scratch.deallocate() }
        values.withUnsafeMutableBufferPointer { values in
            let base = values.baseAddress!
            for y0 in stride(from: 0, to: height, by: 8) {
                let rows = (0..<8).map { base + min(y0 + $0, height - 1) * width }
                // Transpose in: lane k of line[pad + x] is row k's value x.
                let lanes = UnsafeMutableRawPointer(line + pad).assumingMemoryBound(to: Float.self)
                for k in 0..<8 {
                    let row = rows[k]
                    for x in 0..<width { lanes[x * 8 + k] = row[x] }
                }
                boxPasses(line, scratch, count: width, box: box)
                for k in 0..<min(8, height - y0) {
                    let row = rows[k]
                    for x in 0..<width { row[x] = lanes[x * 8 + k] }
                }
            }
        }
    }

    /// Vertical passes, eight adjacent columns at a time (one 32-byte load per row).
    private static func boxBlurColumns(_ values: inout [Float], width: Int, height: Int, box: ExtendedBox) {
        let pad = margin(box), length = height + 2 * pad
        let line = UnsafeMutablePointer<Lanes>.allocate(capacity: length), scratch = UnsafeMutablePointer<Lanes>.allocate(capacity: length)
        defer { line.deallocate(); scratch.deallocate() }
        values.withUnsafeMutableBufferPointer { values in
            let base = UnsafeMutableRawPointer(values.baseAddress!)
            for x0 in stride(from: 0, to: width, by: 8) {
                let lanes = min(8, width - x0)
                if lanes == 8 {
                    for y in 0..<height { line[pad + y] = base.loadUnaligned(fromByteOffset: (y * width + x0) * 4, as: Lanes.self) }
                } else {
                    for y in 0..<height {
                        var v = Lanes.zero
                        for lane in 0..<lanes { v[lane] = values[y * width + x0 + lane] }
                        line[pad + y] = v
                    }
                }
                boxPasses(line, scratch, count: height, box: box)
                if lanes == 8 {
                    for y in 0..<height { base.storeBytes(of: line[pad + y], toByteOffset: (y * width + x0) * 4, as: Lanes.self) }
                } else {
                    for y in 0..<height { for lane in 0..<lanes { values[y * width + x0 + lane] = line[pad + y][lane] } }
                }
            }
        }
    }

    /// exp(−x²/2σ²) for |x| ≤ ⌈4σ⌉, normalised to sum 1.
    static func sampledKernel(sigma: Double) -> [Float] {
        let radius = max(1, Int((4 * sigma).rounded(.up)))
        let raw = (-radius...radius).map { Double.exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = raw.reduce(0, +)
        return raw.map { Float($0 / total) }
    }

    /// A box of radius `radius` with weight 1 inside and `alpha` (0…1) on the two
    /// samples just outside, divided by `norm`.
    struct ExtendedBox {
        let radius: Int
        let alpha: Float
        let norm: Float

        init(variance s2: Double) {
            // Largest r with r(r+1)/3 ≤ σ²; α makes the variance exactly σ².
            var r = Int(((12 * s2 + 1).squareRoot() - 1) / 2)
            while Double((r + 1) * (r + 2)) / 3 <= s2 { r += 1 }
            while r > 0 && Double(r * (r + 1)) / 3 > s2 { r -= 1 }
            let rr = Double(r)
            let a = (2 * rr + 1) * (rr * (rr + 1) / 3 - s2) / (2 * (s2 - (rr + 1) * (rr + 1)))
            radius = r
            alpha = Float(a)
            norm = Float(2 * rr + 1 + 2 * a)
        }
    }

    private static func convolveRows(_ input: [Float], into output: inout [Float], width: Int, height: Int, kernel: [Float]) {
        let radius = kernel.count / 2
        for y in 0..<height {
            let row = y * width
            for x in 0..<width {
                var acc: Float = 0
                for k in 0..<kernel.count {
                    acc += kernel[k] * input[row + min(max(x + k - radius, 0), width - 1)]
                }
                output[row + x] = acc
            }
        }
    }

    private static func convolveColumns(_ input: [Float], into output: inout [Float], width: Int, height: Int, kernel: [Float]) {
        let radius = kernel.count / 2
        input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                for y in 0..<height {
                    let out = output.baseAddress! + y * width
                    for x in 0..<width { out[x] = 0 }
                    for k in 0..<kernel.count {
                        let source = input.baseAddress! + min(max(y + k - radius, 0), height - 1) * width
                        let weight = kernel[k]
                        for x in 0..<width { out[x] += weight * source[x] }
                    }
                }
            }
        }
    }
}
