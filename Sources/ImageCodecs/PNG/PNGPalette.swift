import ImageCore

/// Palette indexing for PNG colour type 3: an opaque RGB image with at most 256 colours
/// becomes one index byte per pixel (a third of the data to filter and deflate).
enum PNGPalette {
    /// Open-addressed slots for the non-grey colours seen (a power of two above 256).
    private static let slots = 1024

    /// Replaces the packed RGB8 pixels in `rows` (`count` pixels) by palette indices, in
    /// place at the start of the same storage, and returns the palette (first-seen order)
    /// when there are at most 256 colours; otherwise returns nil with `rows` untouched.
    /// A first pass only counts (a photo stops within its first rows), a second writes
    /// (index i lands on bytes already read). Greys (R = G = B) are found in a direct
    /// table, other colours by hashing.
    static func index(_ rows: inout [UInt8], count: Int) -> [RGB8]? {
        precondition(rows.count == 3 * count, "index needs packed RGB8")
        let keys = UnsafeMutablePointer<UInt32>.allocate(capacity: slots), values = UnsafeMutablePointer<UInt8>.allocate(capacity: slots)
        let grey = UnsafeMutablePointer<Int16>.allocate(capacity: 256)
        defer { keys.deallocate(); values.deallocate(); grey.deallocate() }
        keys.initialize(repeating: 0, count: slots)
        values.initialize(repeating: 0, count: slots)
        grey.initialize(repeating: -1, count: 256)
        var palette: [RGB8] = []
        /// A non-grey colour as a key, tagged with bit 24 (so 0 means an empty slot).
        @inline(__always) func key(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt32 { UInt32(r) | UInt32(g) << 8 | UInt32(b) << 16 | 1 << 24 }
        /// The slot of a non-grey colour's key.
        @inline(__always) func slot(_ colour: UInt32) -> Int {
            var s = Int((colour &* 0x9E37_79B1) >> 22)
            while keys[s] != 0 && keys[s] != colour { s = (s + 1) & (slots - 1) }
            return s
        }
        let fits = rows.withUnsafeBufferPointer { buffer -> Bool in
            let p = buffer.baseAddress!
            for i in 0..<count {
                let r = p[3 * i], g = p[3 * i + 1], b = p[3 * i + 2]
                if r == g && g == b {
                    if grey[Int(r)] >= 0 { continue }
                    if palette.count == 256 { return false }
                    grey[Int(r)] = Int16(palette.count)
                } else {
                    let colour = key(r, g, b)
                    let s = slot(colour)
                    if keys[s] != 0 { continue }
                    if palette.count == 256 { return false }
                    keys[s] = colour
                    values[s] = UInt8(palette.count)
                }
                palette.append(RGB8(red: r, green: g, blue: b))
            }
            return true
        }
        guard fits else { return nil }
        rows.withUnsafeMutableBufferPointer { buffer in
            let p = buffer.baseAddress!
            for i in 0..<count {
                let r = p[3 * i], g = p[3 * i + 1], b = p[3 * i + 2]
                p[i] = r == g && g == b ? UInt8(truncatingIfNeeded: grey[Int(r)])
                                        : values[slot(key(r, g, b))]
            }
        }
        rows.removeLast(2 * count)
        return palette
    }
}
