/// A square max filter (grey dilation) of radius r, separable, in time independent of r
/// (van Herk / Gil–Werman: block prefix and suffix maxima over a line padded with −∞).
/// The vertical pass works on whole rows at a time, so its inner loops vectorise. Radii
/// up to 3 take every tap directly (fewer passes and planes than the block scans).
enum MaxFilter {
    static func apply(_ values: [Float], width: Int, height: Int, radius: Int) -> [Float] {
        guard radius > 0 else { return values }
        if radius <= 3 { return direct(values, width: width, height: height, radius: radius) }
        let r = radius, block = 2 * r + 1
        // Horizontal: one padded line, its block prefix and suffix, reused for every row.
        let length = width + 2 * r
        var line = [Float](repeating: -.infinity, count: length), prefix = line, suffix = line
        var rows = [Float](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { source in
            rows.withUnsafeMutableBufferPointer { out in
                for y in 0..<height {
                    for x in 0..<width { line[r + x] = source[y * width + x] }
                    blockScan(line, &prefix, &suffix, length: length, block: block)
                    for x in 0..<width { out[y * width + x] = max(suffix[x], prefix[x + 2 * r]) }
                }
            }
        }
        // Vertical: the same on rows of the padded image, element-wise across each row.
        let paddedRows = height + 2 * r
        var prefixRows = [Float](repeating: -.infinity, count: paddedRows * width), suffixRows = prefixRows
        rows.withUnsafeBufferPointer { source in
            prefixRows.withUnsafeMutableBufferPointer { prefix in
                suffixRows.withUnsafeMutableBufferPointer { suffix in
                    func row(_ p: UnsafeMutableBufferPointer<Float>, _ i: Int) -> UnsafeMutablePointer<Float> { p.baseAddress! + i * width }
                    func input(_ i: Int) -> UnsafePointer<Float>? { i >= r && i < r + height ? source.baseAddress! + (i - r) * width : nil }
                    for i in 0..<paddedRows {
                        let target = row(prefix, i)
                        if let value = input(i) {
                            if i % block == 0 { target.update(from: value, count: width) } else {
                                let previous = row(prefix, i - 1)
                                for x in 0..<width { target[x] = max(previous[x], value[x]) }
                            }
                        } else if i % block != 0 {
                            target.update(from: row(prefix, i - 1), count: width)
                        }
                    }
                    for i in stride(from: paddedRows - 1, through: 0, by: -1) {
                        let target = row(suffix, i)
                        if let value = input(i) {
                            if i % block == block - 1 || i == paddedRows - 1 { target.update(from: value, count: width) } else {
                                let next = row(suffix, i + 1)
                                for x in 0..<width { target[x] = max(next[x], value[x]) }
                            }
                        } else if !(i % block == block - 1 || i == paddedRows - 1) {
                            target.update(from: row(suffix, i + 1), count: width)
                        }
                    }
                }
            }
        }
        var result = [Float](repeating: 0, count: values.count)
        result.withUnsafeMutableBufferPointer { out in
            prefixRows.withUnsafeBufferPointer { prefix in
                suffixRows.withUnsafeBufferPointer { suffix in
                    for y in 0..<height {
                        let s = suffix.baseAddress! + y * width, p = prefix.baseAddress! + (y + 2 * r) * width
                        let o = out.baseAddress! + y * width
                        for x in 0..<width { o[x] = max(s[x], p[x]) }
                    }
                }
            }
        }
        return result
    }

    /// The window maximum from all 2r + 1 taps per pass: rows into `across`, then the
    /// maximum over the rows within r of each output row.
    static func direct(_ values: [Float], width: Int, height: Int, radius r: Int) -> [Float] {
        var across = [Float](repeating: 0, count: values.count)
        var line = [Float](repeating: -.infinity, count: width + 2 * r)
        values.withUnsafeBufferPointer { source in
            across.withUnsafeMutableBufferPointer { out in
                line.withUnsafeMutableBufferPointer { line in
                    let padded = line.baseAddress! + r
                    for y in 0..<height {
                        padded.update(from: source.baseAddress! + y * width, count: width)
                        let o = out.baseAddress! + y * width
                        o.update(from: line.baseAddress!, count: width)
                        for k in 1...(2 * r) {
                            let shifted = line.baseAddress! + k
                            for x in 0..<width { o[x] = max(o[x], shifted[x]) }
                        }
                    }
                }
            }
        }
        var result = [Float](repeating: 0, count: values.count)
        across.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { out in
                for y in 0..<height {
                    let o = out.baseAddress! + y * width
                    let first = max(0, y - r), last = min(height - 1, y + r)
                    o.update(from: source.baseAddress! + first * width, count: width)
                    for row in stride(from: first + 1, through: last, by: 1) {
                        let other = source.baseAddress! + row * width
                        for x in 0..<width { o[x] = max(o[x], other[x]) }
                    }
                }
            }
        }
        return result
    }

    /// Block prefix and suffix maxima of `line` (blocks of `block` from index 0).
    static func blockScan(_ line: [Float], _ prefix: inout [Float], _ suffix: inout [Float], length: Int, block: Int) {
        for start in stride(from: 0, to: length, by: block) {
            let end = min(start + block, length)
            prefix[start] = line[start]
            for i in (start + 1)..<max(start + 1, end) { prefix[i] = max(prefix[i - 1], line[i]) }
            suffix[end - 1] = line[end - 1]
            for i in stride(from: end - 2, through: start, by: -1) { suffix[i] = max(suffix[i + 1], line[i]) }
        }
    }
}
