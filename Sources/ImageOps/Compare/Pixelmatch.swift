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
        /// a faded grey of image 1: RGB8, or with `diffMask` RGBA8 with only the marked
        /// pixels opaque.
        public var picture: PixelBuffer?
    }

    /// Compares two images of the same size. Opaque formats (no alpha channel) are read as
    /// packed RGB8, any other as straight RGBA8; the count does not depend on which. An
    /// RGB picture of opaque images is drawn over `first`'s own storage when the caller
    /// hands it over (rows written three behind the rows still read).
    /// - Precondition: equal sizes.
    public static func compare(_ first: consuming PixelBuffer, _ second: PixelBuffer, options: PixelmatchOptions = PixelmatchOptions(), picture: Bool = false) -> Result {
        precondition(first.size == second.size, "pixelmatch needs equal sizes: \(first.size) and \(second.size)")
        let layout: PixelFormat = first.format.alpha == .none && second.format.alpha == .none ? .rgb8 : .rgba8
        let width = first.width, height = first.height
        var a = packed(consume first, as: layout)
        let b = packed(second, as: layout)
        let pictureFormat: PixelFormat = options.diffMask ? .rgba8 : .rgb8
        let rowBytes = width * pictureFormat.bytesPerPixel
        var mismatched = 0
        if picture && pictureFormat == layout {
            // In place: row y of the picture waits in a ring of three rows until row y + 3
            // starts, when nothing reads row y of `first` any more (the furthest read, a
            // neighbour's neighbour, is two rows away).
            var ring = [UInt8](repeating: 0, count: 3 * rowBytes)
            b.withUnsafeBytes { rawB in
                a.withUnsafeMutableBytes { rawA in
                    ring.withUnsafeMutableBufferPointer { ring in
                        let base = rawA.baseAddress!.assumingMemoryBound(to: UInt8.self)
                        func flush(_ row: Int) { (base + row * rowBytes).update(from: ring.baseAddress! + (row % 3) * rowBytes, count: rowBytes) }
                        let one = Pixels(UnsafeRawBufferPointer(rawA), channels: layout.bytesPerPixel), two = Pixels(rawB, channels: layout.bytesPerPixel)
                        mismatched = scan(one, two, width: width, height: height, options: options) { y in
                            if y >= 3 { flush(y - 3) }
                            let row = ring.baseAddress! + (y % 3) * rowBytes
                            // diffMask draws only the marked pixels: the rest is transparent.
                            if options.diffMask && y >= 3 { row.update(repeating: 0, count: rowBytes) }
                            return row
                        }
                        for row in max(0, height - 3)..<height { flush(row) }
                    }
                }
            }
            return Result(mismatched: mismatched, picture: a)
        }
        var output: [UInt8] = []
        a.withUnsafeBytes { rawA in
            b.withUnsafeBytes { rawB in
                let one = Pixels(rawA, channels: layout.bytesPerPixel), two = Pixels(rawB, channels: layout.bytesPerPixel)
                guard picture else {
                    mismatched = scan(one, two, width: width, height: height, options: options) { _ in nil }
                    return
                }
                // Every pixel is drawn (grey, yellow or red), except with diffMask: there
                // the rest stays transparent. One spare byte per row for the PNG encoder.
                let count = rowBytes * height
                output = [UInt8](unsafeUninitializedCapacity: count + height) { buffer, initialized in
                    let pixels = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
                    LargeAllocation.adviseHugePages(UnsafeMutableRawBufferPointer(pixels))
                    if options.diffMask { pixels.initialize(repeating: 0) }
                    mismatched = scan(one, two, width: width, height: height, options: options) { pixels.baseAddress! + $0 * rowBytes }
                    initialized = count
                }
            }
        }
        let image = picture ? PixelBuffer(width: width, height: height, bytesPerRow: rowBytes, format: pictureFormat, bytes: output) : nil
        return Result(mismatched: mismatched, picture: image)
    }

    /// Counts the mismatched pixels and, when `rows` gives pointers, draws the picture
    /// (RGB8, or RGBA8 with `diffMask`): `rows(y)` is the start of picture row y, asked
    /// once per row, in order.
    private static func scan(_ one: Pixels, _ two: Pixels, width: Int, height: Int, options: PixelmatchOptions,
                             rows: (Int) -> UnsafeMutablePointer<UInt8>?) -> Int {
        let maxDelta = 35215 * options.threshold * options.threshold
        let limit = closeLimit(maxDelta)
        let alt = options.diffColorAlt ?? options.diffColor
        var out = rows(0)
        let picture = out != nil, drawGray = picture && !options.diffMask, fade = options.alpha
        let pictureChannels = options.diffMask ? 4 : 3
        var mismatched = 0
        @inline(__always) func draw(_ x: Int, _ colour: RGB8) {
            let k = pictureChannels * x
            out![k] = colour.red; out![k + 1] = colour.green; out![k + 2] = colour.blue
            if pictureChannels == 4 { out![k + 3] = 255 }
        }
        @inline(__always) func gray(_ i: Int, _ x: Int) {
            guard drawGray else { return }
            let k = one.channels * i
            let y = Double(one.bytes[k]) * 0.29889531 + Double(one.bytes[k + 1]) * 0.58662247 + Double(one.bytes[k + 2]) * 0.11448223
            let v = UInt8(255 + (y - 255) * fade * Double(one.alpha(k)) / 255)
            draw(x, RGB8(red: v, green: v, blue: v))
        }
        for y in 0..<height {
            if y > 0 { out = rows(y) }
            var x = 0
            while x < width {
                let run = min(Pixels.block, width - x)
                let i = y * width + x
                // A block where no sample differs by more than `limit` (both opaque) holds
                // no pixel above the cut-off: only its grey is drawn.
                if run == Pixels.block && one.isClose(to: two, block: i, limit: limit) {
                    if drawGray { grayBlock(one, i, fade: fade, into: out! + 3 * x) }
                    x += run
                    continue
                }
                for x in x..<(x + run) {
                    let i = y * width + x
                    let delta = one.key(i) == two.key(i) ? 0 : colorDelta(one, two, one.channels * i, yOnly: false)
                    if abs(delta) > maxDelta {
                        let excluded = !options.includeAA
                            && (antialiased(one, x, y, width, height, other: two) || antialiased(two, x, y, width, height, other: one))
                        if excluded {
                            if drawGray { draw(x, options.aaColor) }
                        } else {
                            if picture { draw(x, delta < 0 ? alt : options.diffColor) }
                            mismatched += 1
                        }
                    } else {
                        gray(i, x)
                    }
                }
                x += run
            }
        }
        return mismatched
    }

    /// The faded grey of pixels i ..< i + `Pixels.block` of `one`, all opaque, into an
    /// RGB picture at `out`: v7.2.0's `255 + (y − 255)·alpha·255/255`, truncated, in the
    /// same order of operations as one pixel at a time.
    @inline(__always)
    static func grayBlock(_ one: Pixels, _ i: Int, fade: Double, into out: UnsafeMutablePointer<UInt8>) {
        let c = one.channels
        for j in 0..<Pixels.block {
            let p = one.bytes + (i + j) * c
            let y = Double(p[0]) * 0.29889531 + Double(p[1]) * 0.58662247 + Double(p[2]) * 0.11448223
            let value = UInt8(truncatingIfNeeded: Int(255 + (y - 255) * fade * 255 / 255))
            let o = out + 3 * j
            o[0] = value; o[1] = value; o[2] = value
        }
    }

    /// The image as packed `layout` (RGB8 or straight RGBA8): itself when it already is.
    private static func packed(_ image: PixelBuffer, as layout: PixelFormat) -> PixelBuffer {
        var converted = image
        if converted.format.alpha == .premultiplied { converted = converted.unpremultiplied() }
        converted = converted.converted(to: layout)
        if converted.isPacked { return converted }
        return PixelBuffer(width: converted.width, height: converted.height, bytesPerRow: converted.rowByteCount, format: layout, bytes: converted.packedBytes)
    }

    /// The largest per-sample difference that keeps every opaque pixel at or below
    /// `maxDelta`: the YIQ distance of differences within ±m is at most 1.144·m² (each
    /// of Y, I, Q bounded by its coefficients' absolute sum), so 1.15·m² ≤ maxDelta.
    static func closeLimit(_ maxDelta: Double) -> UInt8 {
        guard maxDelta > 0 else { return 0 }
        return UInt8(min(255, (maxDelta / 1.15).squareRoot().rounded(.down)))
    }

    /// The signed YIQ distance between the pixels at byte offset k of `one` and `two`;
    /// negative when `two` is darker. `yOnly`: the luma difference alone.
    static func colorDelta(_ one: Pixels, _ two: Pixels, _ k: Int, yOnly: Bool) -> Double {
        colorDelta(one, k, two, k, yOnly: yOnly)
    }

    /// As above between pixel offset k of `one` and m of `two` (v7's checkerboard follows k).
    static func colorDelta(_ one: Pixels, _ k: Int, _ two: Pixels, _ m: Int, yOnly: Bool) -> Double {
        let r1 = Double(one.bytes[k]), g1 = Double(one.bytes[k + 1]), b1 = Double(one.bytes[k + 2]), a1 = Double(one.alpha(k))
        let r2 = Double(two.bytes[m]), g2 = Double(two.bytes[m + 1]), b2 = Double(two.bytes[m + 2]), a2 = Double(two.alpha(m))
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
    /// images.
    static func antialiased(_ image: Pixels, _ x1: Int, _ y1: Int, _ width: Int, _ height: Int, other: Pixels) -> Bool {
        if image.channels == 3 && x1 > 0 && y1 > 0 && x1 < width - 1 && y1 < height - 1 {
            return antialiasedInside(image, x1, y1, width, height, other: other)
        }
        let x0 = max(x1 - 1, 0), y0 = max(y1 - 1, 0), x2 = min(x1 + 1, width - 1), y2 = min(y1 + 1, height - 1)
        let position = y1 * width + x1
        var zeroes = (x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2) ? 1 : 0
        var minimum = 0.0, maximum = 0.0, minX = 0, minY = 0, maxX = 0, maxY = 0
        let centre = position * image.channels
        // Opaque RGB: the exact luma difference in integers (same sign, zeros and order).
        let centreLuma = image.channels == 3 ? image.scaledLuma(centre) : 0
        for x in x0...x2 {
            for y in y0...y2 where !(x == x1 && y == y1) {
                let m = (y * width + x) * image.channels
                let delta = image.channels == 3 ? Double(centreLuma - image.scaledLuma(m)) : colorDelta(image, centre, image, m, yOnly: true)
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
        return flatInBoth(image, other, minX, minY, width, height) || flatInBoth(image, other, maxX, maxY, width, height)
    }

    /// `antialiased` for an opaque RGB pixel away from the image edges, without branches
    /// on the data: all eight neighbours in pixelmatch's order (x outer, y inner), the
    /// zero count and the first strict minimum and maximum by selects. The same answer:
    /// a zero changes neither extreme, and more than two zeros answer false either way.
    @inline(__always)
    static func antialiasedInside(_ image: Pixels, _ x1: Int, _ y1: Int, _ width: Int, _ height: Int, other: Pixels) -> Bool {
        let centre = image.scaledLuma(3 * (y1 * width + x1))
        var zeroes = 0, minimum = 0, maximum = 0, minAt = 0, maxAt = 0
        @inline(__always) func visit(_ dx: Int, _ dy: Int) {
            let at = (y1 + dy) * width + x1 + dx
            let delta = centre - image.scaledLuma(3 * at)
            zeroes += delta == 0 ? 1 : 0
            if delta < minimum { minimum = delta; minAt = at }
            if delta > maximum { maximum = delta; maxAt = at }
        }
        visit(-1, -1); visit(-1, 0); visit(-1, 1); visit(0, -1); visit(0, 1); visit(1, -1); visit(1, 0); visit(1, 1)
        if zeroes > 2 || minimum == 0 || maximum == 0 { return false }
        return flatInBoth(image, other, minAt % width, minAt / width, width, height)
            || flatInBoth(image, other, maxAt % width, maxAt / width, width, height)
    }

    /// Whether pixel (x, y) has at least 3 identical neighbours in both images.
    @inline(__always)
    static func flatInBoth(_ image: Pixels, _ other: Pixels, _ x: Int, _ y: Int, _ width: Int, _ height: Int) -> Bool {
        hasManySiblings(image, x, y, width, height) && hasManySiblings(other, x, y, width, height)
    }

    /// Whether pixel (x1, y1) has at least 3 identical neighbours (an image edge counts as one).
    static func hasManySiblings(_ image: Pixels, _ x1: Int, _ y1: Int, _ width: Int, _ height: Int) -> Bool {
        let x0 = max(x1 - 1, 0), y0 = max(y1 - 1, 0), x2 = min(x1 + 1, width - 1), y2 = min(y1 + 1, height - 1)
        let value = image.key(y1 * width + x1)
        var zeroes = (x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2) ? 1 : 0
        for x in x0...x2 {
            for y in y0...y2 where !(x == x1 && y == y1) {
                if image.key(y * width + x) == value { zeroes += 1 }
                if zeroes > 2 { return true }
            }
        }
        return false
    }
}
