import RealModule

/// Gaussian blur of a Float plane, separable, edges extended (replicated).
///
/// σ < `exactBelow`: the sampled kernel, truncated at 4σ and normalised. Larger σ: the
/// fourth-order recursive Gaussian (`DericheGaussian`), at a cost per pixel that does not
/// depend on σ, within 0.03/255 of the exact sampled Gaussian on a step edge (0.1/255
/// where edges meet). Eight rows (transposed into lanes) or eight adjacent columns are
/// filtered at once.
enum GaussianBlur {
    static let exactBelow = 2.0

    static func blur(_ values: inout [Float], width: Int, height: Int, sigma: Double) {
        guard sigma > 0 else { return }
        if sigma < exactBelow {
            var scratch = [Float](repeating: 0, count: values.count)
            let kernel = sampledKernel(sigma: sigma)
            convolveRows(values, into: &scratch, width: width, height: height, kernel: kernel)
            convolveColumns(scratch, into: &values, width: width, height: height, kernel: kernel)
            return
        }
        let filter = DericheGaussian(sigma: sigma)
        blurRows(&values, width: width, height: height, filter: filter)
        blurColumns(&values, width: width, height: height, filter: filter)
    }

    typealias Lanes = SIMD8<Float>

    /// Along rows, eight rows at a time (gathered into lanes).
    private static func blurRows(_ values: inout [Float], width: Int, height: Int, filter: DericheGaussian) {
        let line = UnsafeMutablePointer<Lanes>.allocate(capacity: width), scratch = UnsafeMutablePointer<Lanes>.allocate(capacity: width)
        defer { line.deallocate(); scratch.deallocate() }
        values.withUnsafeMutableBufferPointer { values in
            let base = values.baseAddress!
            for y0 in stride(from: 0, to: height, by: 8) {
                let rows = (0..<8).map { base + min(y0 + $0, height - 1) * width }
                // Transpose in: lane k of line[x] is row k's value x.
                let lanes = UnsafeMutableRawPointer(line).assumingMemoryBound(to: Float.self)
                for k in 0..<8 {
                    let row = rows[k]
                    for x in 0..<width { lanes[x * 8 + k] = row[x] }
                }
                filter.apply(line, count: width, scratch: scratch)
                for k in 0..<min(8, height - y0) {
                    let row = rows[k]
                    for x in 0..<width { row[x] = lanes[x * 8 + k] }
                }
            }
        }
    }

    /// Along columns, eight adjacent columns at a time (one 32-byte load per row).
    private static func blurColumns(_ values: inout [Float], width: Int, height: Int, filter: DericheGaussian) {
        let line = UnsafeMutablePointer<Lanes>.allocate(capacity: height), scratch = UnsafeMutablePointer<Lanes>.allocate(capacity: height)
        defer { line.deallocate(); scratch.deallocate() }
        values.withUnsafeMutableBufferPointer { values in
            let base = UnsafeMutableRawPointer(values.baseAddress!)
            for x0 in stride(from: 0, to: width, by: 8) {
                let lanes = min(8, width - x0)
                if lanes == 8 {
                    for y in 0..<height { line[y] = base.loadUnaligned(fromByteOffset: (y * width + x0) * 4, as: Lanes.self) }
                } else {
                    for y in 0..<height {
                        var v = Lanes.zero
                        for lane in 0..<lanes { v[lane] = values[y * width + x0 + lane] }
                        line[y] = v
                    }
                }
                filter.apply(line, count: height, scratch: scratch)
                if lanes == 8 {
                    for y in 0..<height { base.storeBytes(of: line[y], toByteOffset: (y * width + x0) * 4, as: Lanes.self) }
                } else {
                    for y in 0..<height { for lane in 0..<lanes { values[y * width + x0 + lane] = line[y][lane] } }
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
