public import ImageCore

/// The mismatch count of pixelmatch v7.2.0 (mapbox/pixelmatch, ISC; rewritten here from
/// its description): a YIQ colour distance (Kotsarenko & Ramos) against the cut-off
/// 35215·threshold², anti-aliased pixels detected (Vysniauskas 2009) and not counted
/// unless asked, semi-transparent pixels compared over v7's pseudo-checkerboard. Every
/// operation, down to the checkerboard's byte-offset quirk and the truncated grey of the
/// diff picture, follows v7.2.0 so counts and pictures agree bit for bit.
public enum Pixelmatch {
    /// The result: counted pixels, and the diff picture when asked for.
    public struct Result: Sendable {
        public var mismatched: Int
        /// Counted pixels in red (or `diffColorAlt`), anti-aliased ones in yellow, the rest
        /// a faded grey of image 1; RGBA8.
        public var picture: PixelBuffer?
    }

    /// Compares two images of the same size (converted to straight RGBA8).
    /// - Precondition: equal sizes.
    public static func compare(_ first: PixelBuffer, _ second: PixelBuffer, options: PixelmatchOptions = PixelmatchOptions(), picture: Bool = false) -> Result {
        precondition(first.size == second.size, "pixelmatch needs equal sizes: \(first.size) and \(second.size)")
        let a = packed(first), b = packed(second)
        let width = first.width, height = first.height, count = width * height
        // The picture (one unused pixel when none is asked for).
        var output = [UInt8](repeating: 0, count: picture ? count * 4 : 4)
        let maxDelta = 35215 * options.threshold * options.threshold
        let alt = options.diffColorAlt ?? options.diffColor
        let drawGray = picture && !options.diffMask, fade = options.alpha
        var mismatched = 0
        a.withUnsafeBytes { rawA in
            b.withUnsafeBytes { rawB in
                let a8 = rawA.bindMemory(to: UInt8.self), b8 = rawB.bindMemory(to: UInt8.self)
                let a32 = rawA.bindMemory(to: UInt32.self), b32 = rawB.bindMemory(to: UInt32.self)
                output.withUnsafeMutableBufferPointer { outBuffer in
                    let out = outBuffer.baseAddress!
                    @inline(__always) func draw(_ i: Int, _ colour: RGB8) {
                        out[4 * i] = colour.red; out[4 * i + 1] = colour.green; out[4 * i + 2] = colour.blue; out[4 * i + 3] = 255
                    }
                    @inline(__always) func gray(_ i: Int) {
                        guard drawGray else { return }
                        let k = 4 * i
                        let y = Double(a8[k]) * 0.29889531 + Double(a8[k + 1]) * 0.58662247 + Double(a8[k + 2]) * 0.11448223
                        let v = UInt8(255 + (y - 255) * fade * Double(a8[k + 3]) / 255)
                        draw(i, RGB8(red: v, green: v, blue: v))
                    }
                    for y in 0..<height {
                        for x in 0..<width {
                            let i = y * width + x
                            let delta = a32[i] == b32[i] ? 0 : colorDelta(a8, b8, 4 * i, 4 * i, yOnly: false)
                            if abs(delta) > maxDelta {
                                let excluded = !options.includeAA
                                    && (antialiased(a8, x, y, width, height, a32, b32) || antialiased(b8, x, y, width, height, b32, a32))
                                if excluded {
                                    if picture && !options.diffMask { draw(i, options.aaColor) }
                                } else {
                                    if picture { draw(i, delta < 0 ? alt : options.diffColor) }
                                    mismatched += 1
                                }
                            } else {
                                gray(i)
                            }
                        }
                    }
                }
            }
        }
        let image = picture ? PixelBuffer(width: width, height: height, bytesPerRow: width * 4, format: .rgba8, bytes: output) : nil
        return Result(mismatched: mismatched, picture: image)
    }

    /// The image as packed straight RGBA8: itself when it already is (no copy).
    private static func packed(_ image: PixelBuffer) -> PixelBuffer {
        var rgba = image
        if rgba.format.alpha == .premultiplied { rgba = rgba.unpremultiplied() }
        rgba = rgba.converted(to: .rgba8)
        if rgba.isPacked { return rgba }
        return PixelBuffer(width: rgba.width, height: rgba.height, bytesPerRow: rgba.width * 4, format: .rgba8, bytes: rgba.packedBytes)
    }

    /// The signed YIQ distance between pixel k of `one` and pixel m of `two` (byte
    /// offsets); negative when `two` is darker. `yOnly`: the luma difference alone.
    static func colorDelta(_ one: UnsafeBufferPointer<UInt8>, _ two: UnsafeBufferPointer<UInt8>, _ k: Int, _ m: Int, yOnly: Bool) -> Double {
        let r1 = Double(one[k]), g1 = Double(one[k + 1]), b1 = Double(one[k + 2]), a1 = Double(one[k + 3])
        let r2 = Double(two[m]), g2 = Double(two[m + 1]), b2 = Double(two[m + 2]), a2 = Double(two[m + 3])
        var dr = r1 - r2, dg = g1 - g2, db = b1 - b2
        let da = a1 - a2
        if dr == 0 && dg == 0 && db == 0 && da == 0 { return 0 }
        if a1 < 255 || a2 < 255 {
            // v7's background: 48 or 207 per channel, chosen from the byte offset k.
            let rb = 48 + 159 * Double(k % 2)
            let gb = 48 + 159 * Double(Int(Double(k) / 1.618033988749895) % 2)
            let bb = 48 + 159 * Double(Int(Double(k) / 2.618033988749895) % 2)
            dr = (r1 * a1 - r2 * a2 - rb * da) / 255
            dg = (g1 * a1 - g2 * a2 - gb * da) / 255
            db = (b1 * a1 - b2 * a2 - bb * da) / 255
        }
        let y = dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223
        if yOnly { return y }
        let i = dr * 0.59597799 - dg * 0.27417610 - db * 0.32180189
        let q = dr * 0.21147017 - dg * 0.52261711 + db * 0.31114694
        let delta = 0.5053 * y * y + 0.299 * i * i + 0.1957 * q * q
        return y > 0 ? -delta : delta
    }

    /// Whether pixel (x1, y1) of `image` looks anti-aliased: its neighbours include both a
    /// darker and a brighter one, and one of those extremes sits in a flat area in both
    /// images. `own`/`other` are the two images as 32-bit pixels.
    static func antialiased(_ image: UnsafeBufferPointer<UInt8>, _ x1: Int, _ y1: Int, _ width: Int, _ height: Int,
                            _ own: UnsafeBufferPointer<UInt32>, _ other: UnsafeBufferPointer<UInt32>) -> Bool {
        let x0 = max(x1 - 1, 0), y0 = max(y1 - 1, 0), x2 = min(x1 + 1, width - 1), y2 = min(y1 + 1, height - 1)
        let position = y1 * width + x1
        var zeroes = (x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2) ? 1 : 0
        var minimum = 0.0, maximum = 0.0, minX = 0, minY = 0, maxX = 0, maxY = 0
        for x in x0...x2 {
            for y in y0...y2 where !(x == x1 && y == y1) {
                let delta = colorDelta(image, image, position * 4, (y * width + x) * 4, yOnly: true)
                if delta == 0 {
                    zeroes += 1
                    if zeroes > 2 { return false }
                } else if delta < minimum {
                    minimum = delta; minX = x; minY = y
                } else if delta > maximum {
                    maximum = delta; maxX = x; maxY = y
                }
            }
        }
        if minimum == 0 || maximum == 0 { return false }
        return (hasManySiblings(own, minX, minY, width, height) && hasManySiblings(other, minX, minY, width, height))
            || (hasManySiblings(own, maxX, maxY, width, height) && hasManySiblings(other, maxX, maxY, width, height))
    }

    /// Whether pixel (x1, y1) has at least 3 identical neighbours (an image edge counts as one).
    static func hasManySiblings(_ image: UnsafeBufferPointer<UInt32>, _ x1: Int, _ y1: Int, _ width: Int, _ height: Int) -> Bool {
        let x0 = max(x1 - 1, 0), y0 = max(y1 - 1, 0), x2 = min(x1 + 1, width - 1), y2 = min(y1 + 1, height - 1)
        let value = image[y1 * width + x1]
        var zeroes = (x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2) ? 1 : 0
        for x in x0...x2 {
            for y in y0...y2 where !(x == x1 && y == y1) {
                if image[y * width + x] == value { zeroes += 1 }
                if zeroes > 2 { return true }
            }
        }
        return false
    }
}
