/// The exact Euclidean distance transform of Felzenszwalb and Huttenlocher (2012):
/// two 1-D passes of the lower envelope of parabolas, linear in the pixel count, with
/// the nearest seed of every pixel.
enum DistanceTransform {
    /// For every pixel, the nearest seed (row-major index) by distance between pixel
    /// centres, or -1 when there is no seed.
    static func nearestSeeds(width: Int, height: Int, isSeed: (Int) -> Bool) -> [Int32] {
        // Pass 1, columns: squared distance to the nearest seed in the same column, and its row.
        var columnDistance = [Float](repeating: 0, count: width * height)
        var columnSeedRow = [Int32](repeating: -1, count: width * height)
        let longest = max(width, height)
        var f = [Double](repeating: 0, count: longest)
        var d = [Double](repeating: 0, count: longest)
        var arg = [Int32](repeating: 0, count: longest)
        var v = [Int32](repeating: 0, count: longest)
        var z = [Double](repeating: 0, count: longest + 1)
        let infinite = Double.infinity
        for x in 0..<width {
            for y in 0..<height { f[y] = isSeed(y * width + x) ? 0 : infinite }
            envelope(f: &f, count: height, d: &d, arg: &arg, v: &v, z: &z)
            for y in 0..<height where d[y] < infinite {
                columnDistance[y * width + x] = Float(d[y])
                columnSeedRow[y * width + x] = arg[y]
            }
        }
        // Pass 2, rows: add the horizontal distance; the seed is (column, that column's seed row).
        var nearest = [Int32](repeating: -1, count: width * height)
        for y in 0..<height {
            let row = y * width
            for x in 0..<width { f[x] = columnSeedRow[row + x] >= 0 ? Double(columnDistance[row + x]) : infinite }
            envelope(f: &f, count: width, d: &d, arg: &arg, v: &v, z: &z)
            for x in 0..<width where d[x] < infinite {
                let column = Int(arg[x])
                let seedRow = columnSeedRow[row + column]
                if seedRow >= 0 { nearest[row + x] = seedRow * Int32(width) + Int32(column) }
            }
        }
        return nearest
    }

    /// d[q] = min over p of (q − p)² + f[p], and arg[q] = that p. Infinite f are skipped.
    private static func envelope(f: inout [Double], count n: Int, d: inout [Double], arg: inout [Int32], v: inout [Int32], z: inout [Double]) {
        var k = -1
        for q in 0..<n where f[q] < .infinity {
            let fq = f[q] + Double(q * q)
            while k >= 0 {
                let p = Int(v[k])
                let s = (fq - (f[p] + Double(p * p))) / Double(2 * (q - p))
                if s <= z[k] { k -= 1 } else {
                    k += 1
                    v[k] = Int32(q); z[k] = s; z[k + 1] = .infinity
                    break
                }
            }
            if k < 0 {
                k = 0
                v[0] = Int32(q); z[0] = -.infinity; z[1] = .infinity
            }
        }
        if k < 0 {
            for q in 0..<n { d[q] = .infinity; arg[q] = -1 }
            return
        }
        var j = 0
        for q in 0..<n {
            while z[j + 1] < Double(q) { j += 1 }
            let p = Int(v[j])
            let dq = Double(q - p)
            d[q] = dq * dq + f[p]
            arg[q] = Int32(p)
        }
    }
}
