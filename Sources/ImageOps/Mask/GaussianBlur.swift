import RealModule

/// Gaussian blur of a Float plane, separable, edges extended (replicated).
///
/// σ < `exactBelow`: the sampled kernel, truncated at 4σ and normalised. Larger σ:
/// `boxPasses` extended box filters per axis (Gwosdek, Grewenig, Bruhn & Weickert,
/// "Theoretical foundations of Gaussian convolution by extended box filtering", 2011):
/// integer boxes plus a fractional end weight so the variance is exactly σ², at a cost
/// per pixel that does not depend on σ. Four passes stay within 2/255 of the exact
/// Gaussian on a step edge.
enum GaussianBlur {
    static let exactBelow = 2.0
    static let boxPasses = 4

    static func blur(_ values: inout [Float], width: Int, height: Int, sigma: Double) {
        guard sigma > 0 else { return }
        var scratch = [Float](repeating: 0, count: values.count)
        if sigma < exactBelow {
            let kernel = sampledKernel(sigma: sigma)
            convolveRows(values, into: &scratch, width: width, height: height, kernel: kernel)
            convolveColumns(scratch, into: &values, width: width, height: height, kernel: kernel)
            return
        }
        let box = ExtendedBox(variance: sigma * sigma / Double(boxPasses))
        for _ in 0..<boxPasses {
            boxRows(values, into: &scratch, width: width, height: height, box: box)
            swap(&values, &scratch)
        }
        for _ in 0..<boxPasses {
            boxColumns(values, into: &scratch, width: width, height: height, box: box)
            swap(&values, &scratch)
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

    private static func boxRows(_ input: [Float], into output: inout [Float], width: Int, height: Int, box: ExtendedBox) {
        let r = box.radius, pad = r + 2
        var line = [Float](repeating: 0, count: width + 2 * pad)
        let scale = 1 / box.norm, alpha = box.alpha
        input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                line.withUnsafeMutableBufferPointer { line in
                    for y in 0..<height {
                        let row = y * width
                        for i in 0..<pad { line[i] = input[row] ; line[pad + width + i] = input[row + width - 1] }
                        for x in 0..<width { line[pad + x] = input[row + x] }
                        var sum: Float = 0
                        for j in (pad - r)...(pad + r) { sum += line[j] }
                        for x in 0..<width {
                            let c = pad + x
                            output[row + x] = (sum + alpha * (line[c - r - 1] + line[c + r + 1])) * scale
                            sum += line[c + r + 1] - line[c - r]
                        }
                    }
                }
            }
        }
    }

    private static func boxColumns(_ input: [Float], into output: inout [Float], width: Int, height: Int, box: ExtendedBox) {
        let r = box.radius
        let scale = 1 / box.norm, alpha = box.alpha
        var sum = [Float](repeating: 0, count: width)
        input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                sum.withUnsafeMutableBufferPointer { sum in
                    func row(_ y: Int) -> UnsafePointer<Float> { input.baseAddress! + min(max(y, 0), height - 1) * width }
                    for y in -r...r {
                        let source = row(y)
                        for x in 0..<width { sum[x] += source[x] }
                    }
                    for y in 0..<height {
                        let above = row(y - r - 1), below = row(y + r + 1), leaving = row(y - r)
                        let out = output.baseAddress! + y * width
                        for x in 0..<width {
                            out[x] = (sum[x] + alpha * (above[x] + below[x])) * scale
                            sum[x] += below[x] - leaving[x]
                        }
                    }
                }
            }
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
