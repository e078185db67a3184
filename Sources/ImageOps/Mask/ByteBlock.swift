/// An 8×8 block of bytes as eight 64-bit words: word i is row i, its byte j (little-endian
/// order) column j.
struct ByteBlock {
    var words: SIMD8<UInt64>

    init(repeating value: UInt64) { words = SIMD8(repeating: value) }

    /// Rows become columns: three rounds of swapping 1-, 2- and 4-byte sub-blocks between
    /// word pairs (Hacker's Delight, transpose8).
    @inline(__always)
    mutating func transpose() {
        @inline(__always) func swap(_ a: Int, _ b: Int, _ shift: UInt64, _ mask: UInt64) {
            let t = ((words[a] >> shift) ^ words[b]) & mask
            words[b] ^= t
            words[a] ^= t << shift
        }
        for (a, b) in [(0, 1), (2, 3), (4, 5), (6, 7)] { swap(a, b, 8, 0x00FF_00FF_00FF_00FF) }
        for (a, b) in [(0, 2), (1, 3), (4, 6), (5, 7)] { swap(a, b, 16, 0x0000_FFFF_0000_FFFF) }
        for (a, b) in [(0, 4), (1, 5), (2, 6), (3, 7)] { swap(a, b, 32, 0x0000_0000_FFFF_FFFF) }
    }
}
