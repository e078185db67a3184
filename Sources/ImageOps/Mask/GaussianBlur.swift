import RealModule

/// Gaussian blur of a Float plane, separable, edges extended (replicated).
///
/// σ < `exactBelow`: the sampled kernel, truncated at 4σ and normalised. Larger σ: the
/// fourth-order recursive Gaussian (`DericheGaussian`), at a cost per pixel that does not
/// depend on σ, within 0.1/255 of the exact sampled Gaussian on a step edge (0.15/255
/// where edges meet). Eight rows (transposed into lanes) or eight adjacent columns are
/// filtered at once, and constant stretches cost a comparison per sample beyond 8σ from
/// their ends.
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

    /// Lines filtered side by side (SIMD16 measured slower: the recursions' state spills).
    typealias Lanes = SIMD8<Float>
    static let laneCount = Lanes.scalarCount

    /// An 8-bit plane blurred in place (σ ≥ `exactBelow`): columns, then rows, each pass
    /// in Float lanes and back to bytes, so no Float plane is allocated (fresh memory
    /// costs more than the arithmetic here). The rounding between the passes is blurred
    /// by the second one: the result stays within one level of the exact Gaussian.
    static func blur(bytes: UnsafeMutableRawBufferPointer, width: Int, height: Int, sigma: Double) {
        precondition(sigma >= exactBelow && bytes.count == width * height)
        let filter = DericheGaussian(sigma: sigma)
        let length = max(width, height)
        let line = UnsafeMutablePointer<Lanes>.allocate(capacity: length), scratch = UnsafeMutablePointer<Lanes>.allocate(capacity: length)
        defer { line.deallocate(); scratch.deallocate() }
        @inline(__always) func byte(_ v: Float) -> UInt8 { UInt8(min(max(v, 0), 255) + 0.5) }
        /// Eight bytes (a little-endian word) as lanes, and lanes rounded and clamped back.
        @inline(__always) func vector(_ word: UInt64) -> Lanes {
            Lanes(SIMD8<Int32>(truncatingIfNeeded: unsafeBitCast(word, to: SIMD8<UInt8>.self)))
        }
        @inline(__always) func word(_ v: Lanes) -> UInt64 {
            var c = v.replacing(with: 0, where: v .< 0)
            c = c.replacing(with: 255, where: c .> 255)
            // Adding 1.5·2²³ leaves the nearest integer in the low mantissa bits.
            let bits = unsafeBitCast(c + 12_582_912, to: SIMD8<UInt32>.self)
            return unsafeBitCast(SIMD8<UInt8>(truncatingIfNeeded: bits), to: UInt64.self)
        }
        @inline(__always) func load(_ p: UnsafeMutablePointer<UInt8>) -> Lanes { vector(UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)) }
        @inline(__always) func store(_ v: Lanes, _ p: UnsafeMutablePointer<UInt8>) { UnsafeMutableRawPointer(p).storeBytes(of: word(v), as: UInt64.self) }
        do {
            let base = bytes.bindMemory(to: UInt8.self).baseAddress!
            // Columns, `laneCount` adjacent at a time.
            let n = laneCount
            for x0 in stride(from: 0, to: width, by: n) {
                let lanes = min(n, width - x0)
                if lanes == n {
                    for y in 0..<height { line[y] = load(base + y * width + x0) }
                    filter.apply(line, count: height, scratch: scratch)
                    for y in 0..<height { store(line[y], base + y * width + x0) }
                } else {
                    for y in 0..<height {
                        var v = Lanes.zero
                        for k in 0..<lanes { v[k] = Float(base[y * width + x0 + k]) }
                        line[y] = v
                    }
                    filter.apply(line, count: height, scratch: scratch)
                    for y in 0..<height { for k in 0..<lanes { base[y * width + x0 + k] = byte(line[y][k]) } }
                }
            }
            // Rows, eight at a time: 8×8 byte blocks are transposed in 64-bit words, so
            // each column of the block is one lane vector, loaded and stored as above.
            let lanes = UnsafeMutableRawPointer(line).assumingMemoryBound(to: Float.self)
            let blocks = width / 8 * 8
            for y0 in stride(from: 0, to: height, by: n) {
                let rows = (0..<n).map { UnsafeMutableRawPointer(base + min(y0 + $0, height - 1) * width) }
                for x in stride(from: 0, to: blocks, by: 8) {
                    var block = ByteBlock(repeating: 0)
                    for k in 0..<8 { block.words[k] = rows[k].loadUnaligned(fromByteOffset: x, as: UInt64.self) }
                    block.transpose()
                    for j in 0..<8 { line[x + j] = vector(block.words[j]) }
                }
                for k in 0..<n {
                    let row = rows[k].assumingMemoryBound(to: UInt8.self)
                    for x in blocks..<width { lanes[x * n + k] = Float(row[x]) }
                }
                filter.apply(line, count: width, scratch: scratch)
                let written = min(n, height - y0)
                for x in stride(from: 0, to: blocks, by: 8) {
                    var block = ByteBlock(repeating: 0)
                    for j in 0..<8 { block.words[j] = word(line[x + j]) }
                    block.transpose()
                    for k in 0..<written { rows[k].storeBytes(of: block.words[k], toByteOffset: x, as: UInt64.self) }
                }
                for k in 0..<written {
                    let row = rows[k].assumingMemoryBound(to: UInt8.self)
                    for x in blocks..<width { row[x] = byte(lanes[x * n + k]) }
                }
            }
        }
    }

    /// Along rows, `laneCount` rows at a time (gathered into lanes).
    private static func blurRows(_ values: inout [Float], width: Int, height: Int, filter: DericheGaussian) {
        let line = UnsafeMutablePointer<Lanes>.allocate(capacity: width), scratch = UnsafeMutablePointer<Lanes>.allocate(capacity: width)
        defer { line.deallocate(); scratch.deallocate() }
        values.withUnsafeMutableBufferPointer { values in
            let base = values.baseAddress!
            let n = laneCount
            for y0 in stride(from: 0, to: height, by: n) {
                let rows = (0..<n).map { base + min(y0 + $0, height - 1) * width }
                // Transpose in: lane k of line[x] is row k's value x.
                let lanes = UnsafeMutableRawPointer(line).assumingMemoryBound(to: Float.self)
                for k in 0..<n {
                    let row = rows[k]
                    for x in 0..<width { lanes[x * n + k] = row[x] }
                }
                filter.apply(line, count: width, scratch: scratch)
                for k in 0..<min(n, height - y0) {
                    let row = rows[k]
                    for x in 0..<width { row[x] = lanes[x * n + k] }
                }
            }
        }
    }

    /// Along columns, `laneCount` adjacent columns at a time (one load per row).
    private static func blurColumns(_ values: inout [Float], width: Int, height: Int, filter: DericheGaussian) {
        let line = UnsafeMutablePointer<Lanes>.allocate(capacity: height), scratch = UnsafeMutablePointer<Lanes>.allocate(capacity: height)
        defer { line.deallocate(); scratch.deallocate() }
        values.withUnsafeMutableBufferPointer { values in
            let base = UnsafeMutableRawPointer(values.baseAddress!)
            let n = laneCount
            for x0 in stride(from: 0, to: width, by: n) {
                let lanes = min(n, width - x0)
                if lanes == n {
                    for y in 0..<height { line[y] = base.loadUnaligned(fromByteOffset: (y * width + x0) * 4, as: Lanes.self) }
                } else {
                    for y in 0..<height {
                        var v = Lanes.zero
                        for lane in 0..<lanes { v[lane] = values[y * width + x0 + lane] }
                        line[y] = v
                    }
                }
                filter.apply(line, count: height, scratch: scratch)
                if lanes == n {
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
