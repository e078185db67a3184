/// Grey dilation by a Euclidean disc: each output value is the largest input value at
/// lattice offsets (dx, dy) with dx² + dy² ≤ radius², positions outside the plane ignored.
/// Every level set of the input moves out by the radius, so soft values (a shadow at 20 %)
/// stay what they were away from their edges. Each of the 2⌊radius⌋ + 1 row offsets is a
/// van Herk / Gil–Werman running maximum along the row: time O(pixels · radius).
enum DiscMaxFilter {
    static func apply(_ values: [Float], width: Int, height: Int, radius: Double) -> [Float] {
        let reach = Int(radius.rounded(.down))
        guard reach >= 1 else { return values }
        // The disc's half-width on each row offset.
        let halfWidths = (0...reach).map { dy in Int((radius * radius - Double(dy * dy)).squareRoot().rounded(.down)) }
        var result = [Float](repeating: -.infinity, count: values.count)
        var rowMax = [Float](repeating: 0, count: width)
        var line = [Float](repeating: -.infinity, count: width + 2 * reach), prefix = line, suffix = line
        values.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { out in
                for y in 0..<height {
                    let o = out.baseAddress! + y * width
                    for dy in -reach...reach {
                        let sy = y + dy
                        guard sy >= 0 && sy < height else { continue }
                        runningMax(source.baseAddress! + sy * width, width: width, radius: halfWidths[abs(dy)],
                                   into: &rowMax, line: &line, prefix: &prefix, suffix: &suffix)
                        for x in 0..<width { o[x] = max(o[x], rowMax[x]) }
                    }
                }
            }
        }
        return result
    }

    /// The maximum over [x − r, x + r] of one row (outside the row ignored).
    private static func runningMax(_ row: UnsafePointer<Float>, width: Int, radius r: Int, into out: inout [Float],
                                   line: inout [Float], prefix: inout [Float], suffix: inout [Float]) {
        if r == 0 {
            for x in 0..<width { out[x] = row[x] }
            return
        }
        let length = width + 2 * r, block = 2 * r + 1
        for i in 0..<r { line[i] = -.infinity; line[r + width + i] = -.infinity }
        for x in 0..<width { line[r + x] = row[x] }
        MaxFilter.blockScan(line, &prefix, &suffix, length: length, block: block)
        for x in 0..<width { out[x] = max(suffix[x], prefix[x + 2 * r]) }
    }
}
