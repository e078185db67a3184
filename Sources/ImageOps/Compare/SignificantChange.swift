public import ImageCore

/// Changes a viewer would call edits, apart from codec noise. Both images are averaged
/// over 2×2 blocks (the chroma blocks of 4:2:0 JPEG) and then over 3×3 of those (about
/// 6×6 pixels), and compared by ΔE00 there: a JPEG (q ≥ 85) or WebP (q ≥ 90) re-save
/// scatters errors that average out, mostly in chroma at fine detail, while an edit
/// changes the local colour. Connected areas above `threshold` and at least
/// `minimumArea(for:)` pixels large are the significant regions.
public struct SignificantChange: Sendable, Hashable, Encodable {
    /// One connected region of significant change.
    public struct Region: Sendable, Hashable, Encodable {
        public var box: PixelRect
        /// Pixels in the region.
        public var pixels: Int
        /// Mean (unsmoothed) ΔE00 over the region's pixels.
        public var meanDeltaE: Double
    }

    /// ΔE00 of the averaged images above which a block is part of a change.
    public static let threshold: Float = 3
    /// Smallest region kept, in pixels: 100 (a 10×10 patch), or 0.005 % of the image if
    /// that is more.
    public static func minimumArea(for size: PixelSize) -> Int { max(100, size.area / 20_000) }
    /// Regions listed (largest first); the fractions count them all.
    public static let listed = 50

    /// Significant regions, largest first (at most `listed`).
    public var regions: [Region]
    /// Pixels in significant regions ÷ all pixels, 0…1.
    public var changedFraction: Double
    /// The same inside (coverage > 0) and outside (coverage = 0) a mask, when there is one;
    /// outside leaves out the blocks next to the mask (about 4 px), whose averages mix
    /// both sides.
    public var inside: Double?
    public var outside: Double?
    /// How many regions there are in all.
    public var regionCount: Int

    /// The significant change between two packed 8-bit RGB images of `size`.
    public init(rgbA: [UInt8], rgbB: [UInt8], size: PixelSize, mask: Mask? = nil) {
        self.init(rgbA: rgbA, rgbB: rgbB, box: PixelRect(size: size), of: size, mask: mask, coveredOutsideBox: 0)
    }

    /// The significant change between two images of `size` that are identical outside
    /// `box`, from the packed 8-bit RGB of that box. The result is the whole images' when
    /// `box` starts at even coordinates, has even sides unless it reaches the image's edge,
    /// and keeps 8 px between each differing pixel and its sides (other than the image's
    /// edges): then every block the averages could make hot lies well inside it.
    /// `mask` covers the whole image; `coveredOutsideBox` is its pixels with coverage > 0
    /// outside `box`.
    init(rgbA: [UInt8], rgbB: [UInt8], box: PixelRect, of size: PixelSize, mask: Mask?, coveredOutsideBox: Int) {
        precondition(rgbA.count == 3 * box.width * box.height && rgbB.count == rgbA.count, "RGB samples do not match \(box)")
        precondition(PixelRect(size: size).contains(box) && mask.map { $0.size == size } ?? true, "\(box) or the mask does not fit \(size)")
        let w = box.width, h = box.height
        // Half resolution (2×2 means; an odd last row or column joins its neighbour).
        let hw = max(1, w / 2), hh = max(1, h / 2)
        let smallA = Self.averaged(rgbA, width: w, height: h, to: (hw, hh)), smallB = Self.averaged(rgbB, width: w, height: h, to: (hw, hh))
        // ΔE00 only where a channel differs by 2 levels or more: one level is far below
        // ΔE00 3 anywhere in sRGB, and most blocks of a re-save differ by less.
        let delta = [Float](unsafeUninitializedCapacity: hw * hh) { values, initialized in
            smallA.withUnsafeBufferPointer { a in
                smallB.withUnsafeBufferPointer { b in
                    DeltaEBatch.compute(a.baseAddress!, b.baseAddress!, count: hw * hh, into: values.baseAddress!, ignoringBelow: 2)
                }
            }
            initialized = hw * hh
        }
        let threshold = Self.threshold
        let hot = delta.map { $0 > threshold }
        // 8-connected components of hot blocks; a block stands for 2×2 pixels.
        let minimum = (Self.minimumArea(for: size) + 3) / 4
        var seen = [Bool](repeating: false, count: hw * hh)
        var significant = [Bool](repeating: false, count: hw * hh)
        var found: [Region] = []
        var stack: [Int] = [], members: [Int] = []
        for start in 0..<(hw * hh) where hot[start] && !seen[start] {
            seen[start] = true
            stack.append(start)
            members.removeAll(keepingCapacity: true)
            var minX = hw, minY = hh, maxX = -1, maxY = -1, total = 0.0
            while let i = stack.popLast() {
                members.append(i)
                let x = i % hw, y = i / hw
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
                total += Double(delta[i])
                for dy in -1...1 where y + dy >= 0 && y + dy < hh {
                    for dx in -1...1 where x + dx >= 0 && x + dx < hw {
                        let j = (y + dy) * hw + x + dx
                        if hot[j] && !seen[j] { seen[j] = true; stack.append(j) }
                    }
                }
            }
            guard members.count >= minimum else { continue }
            for i in members { significant[i] = true }
            let x0 = 2 * minX, y0 = 2 * minY
            let x1 = maxX == hw - 1 ? w : 2 * maxX + 2, y1 = maxY == hh - 1 ? h : 2 * maxY + 2
            found.append(Region(box: PixelRect(x: box.x + x0, y: box.y + y0, width: x1 - x0, height: y1 - y0), pixels: 4 * members.count,
                                meanDeltaE: total / Double(members.count)))
        }
        found.sort { $0.pixels > $1.pixels }
        regionCount = found.count
        regions = Array(found.prefix(Self.listed))
        // Fractions in full-resolution pixels, counted per block.
        // Mask pixels outside the box count from the start (they are unchanged).
        var changed = 0, inPixels = coveredOutsideBox, inChanged = 0, outChanged = 0
        /// Full-resolution pixels of block (bx, by): 2×2, more where an odd edge joins it.
        func pixels(_ bx: Int, _ by: Int) -> Int {
            (bx == hw - 1 ? w - 2 * bx : 2) * (by == hh - 1 ? h - 2 * by : 2)
        }
        if let mask {
            // Pixels with coverage > 0 per block; those outside the box are unchanged.
            var insideCount = [Int32](repeating: 0, count: hw * hh)
            let blockOfColumn = (0..<w).map { min(hw - 1, $0 / 2) }
            mask.withUnsafeBytes { coverage in
                insideCount.withUnsafeMutableBufferPointer { counts in
                    for y in 0..<h {
                        let base = min(hh - 1, y / 2) * hw, row = (box.y + y) * size.width + box.x
                        // Eight coverage bytes tested at once: most of a mask is 0.
                        var x = 0
                        while x < w {
                            if x + 8 <= w && coverage.loadUnaligned(fromByteOffset: row + x, as: UInt64.self) == 0 { x += 8; continue }
                            if coverage[row + x] > 0 { counts[base + blockOfColumn[x]] += 1 }
                            x += 1
                        }
                    }
                }
            }
            // A block within one block of the mask averages pixels of both sides: a change
            // inside would bleed outside there, so those blocks count only inside.
            for by in 0..<hh {
                for bx in 0..<hw {
                    let block = by * hw + bx, inside = Int(insideCount[block])
                    inPixels += inside
                    guard significant[block] else { continue }
                    let all = pixels(bx, by)
                    changed += all
                    inChanged += inside
                    var nearInside = false
                    for ny in max(0, by - 1)...min(hh - 1, by + 1) where !nearInside {
                        for nx in max(0, bx - 1)...min(hw - 1, bx + 1) where insideCount[ny * hw + nx] > 0 { nearInside = true; break }
                    }
                    if !nearInside { outChanged += all - inside }
                }
            }
        } else if !found.isEmpty {
            for by in 0..<hh { for bx in 0..<hw where significant[by * hw + bx] { changed += pixels(bx, by) } }
        }
        let outPixels = size.area - inPixels
        changedFraction = size.area > 0 ? Double(changed) / Double(size.area) : 0
        if mask != nil {
            inside = inPixels > 0 ? Double(inChanged) / Double(inPixels) : 0
            outside = outPixels > 0 ? Double(outChanged) / Double(outPixels) : 0
        }
    }

    /// `rgb` (packed, `width`×`height`) averaged over 2×2 blocks into `target` (an odd
    /// last row or column is left out; a 1-pixel-wide or -high image repeats its one row
    /// or column), then over the 3×3 blocks around each block (those inside the image),
    /// rounded half up to 8 bits. Flat loops over each row's samples (the compiler
    /// vectorises them); the edge blocks are finished apart.
    static func averaged(_ rgb: [UInt8], width w: Int, height h: Int, to target: (Int, Int)) -> [UInt8] {
        let (tw, th) = target
        let rowLength = 3 * tw
        // 2×2 sums (0…1020) per sample.
        var half = [UInt16](repeating: 0, count: rowLength * th)
        rgb.withUnsafeBufferPointer { source in
            half.withUnsafeMutableBufferPointer { half in
                for ty in 0..<th {
                    let r0 = source.baseAddress! + min(h - 1, 2 * ty) * w * 3, r1 = source.baseAddress! + min(h - 1, 2 * ty + 1) * w * 3
                    let o = half.baseAddress! + ty * rowLength
                    if w >= 2 {
                        for tx in 0..<tw {
                            for k in 0..<3 {
                                let p = 6 * tx + k
                                o[3 * tx + k] = UInt16(r0[p]) + UInt16(r0[p + 3]) + UInt16(r1[p]) + UInt16(r1[p + 3])
                            }
                        }
                    } else {
                        for k in 0..<3 { o[k] = 2 * (UInt16(r0[k]) + UInt16(r1[k])) }
                    }
                }
            }
        }
        // Sums over the (up to) 3 blocks across: interior samples in one flat loop.
        var across = [UInt16](repeating: 0, count: rowLength * th)
        half.withUnsafeBufferPointer { half in
            across.withUnsafeMutableBufferPointer { out in
                for ty in 0..<th {
                    let h0 = half.baseAddress! + ty * rowLength, o = out.baseAddress! + ty * rowLength
                    if tw >= 3 { for j in 3..<(rowLength - 3) { o[j] = h0[j - 3] + h0[j] + h0[j + 3] } }
                    for tx in tw == 1 ? [0] : [0, tw - 1] {
                        for k in 0..<3 {
                            var sum: UInt16 = 0
                            for nx in max(0, tx - 1)...min(tw - 1, tx + 1) { sum += h0[3 * nx + k] }
                            o[3 * tx + k] = sum
                        }
                    }
                }
            }
        }
        // Sums over the (up to) 3 rows of blocks, divided by the pixels summed.
        var result = [UInt8](repeating: 0, count: rowLength * th)
        across.withUnsafeBufferPointer { src in
            result.withUnsafeMutableBufferPointer { out in
                for ty in 0..<th {
                    let top = max(0, ty - 1), bottom = min(th - 1, ty + 1), rowsUsed = bottom - top + 1
                    let a = src.baseAddress! + top * rowLength, b = src.baseAddress! + ty * rowLength, c = src.baseAddress! + bottom * rowLength
                    let o = out.baseAddress! + ty * rowLength
                    // Interior columns: 3 blocks across, 4 pixels each; constant divisors.
                    if tw >= 3 {
                        switch rowsUsed {
                        case 3: for j in 3..<(rowLength - 3) { o[j] = UInt8((2 * (UInt32(a[j]) + UInt32(b[j]) + UInt32(c[j])) + 36) / 72) }
                        case 2: for j in 3..<(rowLength - 3) { o[j] = UInt8((2 * (UInt32(a[j]) + UInt32(c[j])) + 24) / 48) }
                        default: for j in 3..<(rowLength - 3) { o[j] = UInt8((2 * UInt32(b[j]) + 12) / 24) }
                        }
                    }
                    for tx in tw == 1 ? [0] : [0, tw - 1] {
                        let columns = min(tw - 1, tx + 1) - max(0, tx - 1) + 1
                        let n = UInt32(4 * rowsUsed * columns)
                        for k in 0..<3 {
                            let j = 3 * tx + k
                            var sum = UInt32(b[j])
                            if top != ty { sum += UInt32(a[j]) }
                            if bottom != ty { sum += UInt32(c[j]) }
                            o[j] = UInt8((2 * sum + n) / (2 * n))
                        }
                    }
                }
            }
        }
        return result
    }
}
