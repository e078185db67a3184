/// A square max filter (grey dilation) of radius r, separable, in time independent of r
/// (van Herk / Gil–Werman).
enum MaxFilter {
    static func apply(_ values: [Float], width: Int, height: Int, radius: Int) -> [Float] {
        guard radius > 0 else { return values }
        var rows = values
        var line = [Float](repeating: 0, count: max(width, height))
        var result = [Float](repeating: 0, count: values.count)
        for y in 0..<height {
            for x in 0..<width { line[x] = values[y * width + x] }
            let filtered = slidingMax(line, count: width, radius: radius)
            for x in 0..<width { rows[y * width + x] = filtered[x] }
        }
        for x in 0..<width {
            for y in 0..<height { line[y] = rows[y * width + x] }
            let filtered = slidingMax(line, count: height, radius: radius)
            for y in 0..<height { result[y * width + x] = filtered[y] }
        }
        return result
    }

    /// max(values[i−r … i+r]) clipped to the line: the line is padded with −∞ so every
    /// window is exactly one block long, then block prefix and suffix maxima answer it.
    static func slidingMax(_ values: [Float], count n: Int, radius r: Int) -> [Float] {
        let block = 2 * r + 1, total = n + 2 * r
        var padded = [Float](repeating: -.infinity, count: total)
        for i in 0..<n { padded[r + i] = values[i] }
        var prefix = padded, suffix = padded
        for i in 1..<max(1, total) where i % block != 0 { prefix[i] = max(prefix[i - 1], padded[i]) }
        if total >= 2 {
            for i in stride(from: total - 2, through: 0, by: -1) where i % block != block - 1 {
                suffix[i] = max(suffix[i + 1], padded[i])
            }
        }
        return (0..<n).map { i in max(suffix[i], prefix[i + 2 * r]) }
    }
}
