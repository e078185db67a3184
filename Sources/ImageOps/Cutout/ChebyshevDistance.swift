import ImageCore

/// Chessboard (Chebyshev) distance max(|dx|, |dy|) from each pixel to the nearest source
/// pixel, in whole pixels, up to a limit: exact for distances ≤ `limit`, `limit + 1` for
/// anything farther (no source at all included). Separable: the distance along the row,
/// then the minimum over the rows within the limit of max(|dy|, row distance). Bytes, so
/// a 2048² image costs 4 MB, and the row passes vectorise.
enum ChebyshevDistance {
    /// `isSource(k)` tells whether pixel k (row-major) is a source.
    /// - Precondition: 0 ≤ limit ≤ 254.
    static func compute(width: Int, height: Int, limit: Int, isSource: (Int) -> Bool) -> [UInt8] {
        precondition(limit >= 0 && limit <= 254)
        let far = UInt8(limit + 1), count = width * height
        var along = LargeAllocation.array(repeating: far as UInt8, count: count)
        along.withUnsafeMutableBufferPointer { a in
            for y in 0..<height {
                let row = y * width
                var last = -(limit + 1)
                for x in 0..<width {
                    if isSource(row + x) { last = x }
                    a[row + x] = UInt8(min(x - last, limit + 1))
                }
                var next = width + limit + 1
                for x in stride(from: width - 1, through: 0, by: -1) {
                    if a[row + x] == 0 { next = x }
                    a[row + x] = min(a[row + x], UInt8(min(next - x, limit + 1)))
                }
            }
        }
        var result = LargeAllocation.array(repeating: far as UInt8, count: count)
        along.withUnsafeBufferPointer { a in
            result.withUnsafeMutableBufferPointer { r in
                for y in 0..<height {
                    let out = r.baseAddress! + y * width
                    for dy in -limit...limit where y + dy >= 0 && y + dy < height {
                        let d = UInt8(abs(dy)), other = a.baseAddress! + (y + dy) * width
                        for x in 0..<width { out[x] = min(out[x], max(d, other[x])) }
                    }
                }
            }
        }
        return result
    }
}
