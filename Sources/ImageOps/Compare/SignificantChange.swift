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
        precondition(rgbA.count == 3 * size.area && rgbB.count == 3 * size.area, "RGB samples do not match \(size)")
        let w = size.width, h = size.height
        // Half resolution (2×2 means; an odd last row or column joins its neighbour).
        let hw = max(1, w / 2), hh = max(1, h / 2)
        let smallA = Self.averaged(rgbA, width: w, height: h, to: (hw, hh)), smallB = Self.averaged(rgbB, width: w, height: h, to: (hw, hh))
        // ΔE00 only where a channel differs by 2 levels or more: one level is far below
        // ΔE00 3 anywhere in sRGB, and most blocks of a re-save differ by less.
        var candidates: [Int] = []
        var packedA: [UInt8] = [], packedB: [UInt8] = []
        smallA.withUnsafeBufferPointer { a in
            smallB.withUnsafeBufferPointer { b in
                for i in 0..<(hw * hh) {
                    let o = 3 * i
                    let d = max(abs(Int(a[o]) - Int(b[o])), abs(Int(a[o + 1]) - Int(b[o + 1])), abs(Int(a[o + 2]) - Int(b[o + 2])))
                    if d >= 2 {
                        candidates.append(i)
                        packedA.append(a[o]); packedA.append(a[o + 1]); packedA.append(a[o + 2])
                        packedB.append(b[o]); packedB.append(b[o + 1]); packedB.append(b[o + 2])
                    }
                }
            }
        }
        var delta = [Float](repeating: 0, count: hw * hh)
        if !candidates.isEmpty {
            let values = packedA.withUnsafeBufferPointer { pa in
                packedB.withUnsafeBufferPointer { pb in
                    [Float](unsafeUninitializedCapacity: candidates.count) { values, initialized in
                        DeltaEBatch.compute(pa.baseAddress!, pb.baseAddress!, count: candidates.count, into: values.baseAddress!)
                        initialized = candidates.count
                    }
                }
            }
            for (k, i) in candidates.enumerated() { delta[i] = values[k] }
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
            found.append(Region(box: PixelRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0), pixels: 4 * members.count,
                                meanDeltaE: total / Double(members.count)))
        }
        found.sort { $0.pixels > $1.pixels }
        regionCount = found.count
        regions = Array(found.prefix(Self.listed))
        // Fractions in full-resolution pixels.
        var changed = 0, inPixels = 0, inChanged = 0, outPixels = 0, outChanged = 0
        /// Full-resolution pixels of block (bx, by): 2×2, more where an odd edge joins it.
        func pixels(_ bx: Int, _ by: Int) -> Int {
            (bx == hw - 1 ? w - 2 * bx : 2) * (by == hh - 1 ? h - 2 * by : 2)
        }
        if let mask {
            // A block within one block of the mask averages pixels of both sides: a change
            // inside would bleed outside there, so those blocks count only inside.
            var nearInside = [Bool](repeating: false, count: hw * hh)
            mask.withUnsafeBytes { coverage in
                for y in 0..<h {
                    let by = min(hh - 1, y / 2)
                    for x in 0..<w where coverage[y * w + x] > 0 {
                        let bx = min(hw - 1, x / 2)
                        for ny in max(0, by - 1)...min(hh - 1, by + 1) { for nx in max(0, bx - 1)...min(hw - 1, bx + 1) { nearInside[ny * hw + nx] = true } }
                    }
                }
                for y in 0..<h {
                    let by = min(hh - 1, y / 2) * hw
                    for x in 0..<w {
                        let block = by + min(hw - 1, x / 2)
                        let hit = significant[block]
                        if hit { changed += 1 }
                        if coverage[y * w + x] > 0 {
                            inPixels += 1
                            if hit { inChanged += 1 }
                        } else {
                            outPixels += 1
                            if hit && !nearInside[block] { outChanged += 1 }
                        }
                    }
                }
            }
        } else if !found.isEmpty {
            for by in 0..<hh { for bx in 0..<hw where significant[by * hw + bx] { changed += pixels(bx, by) } }
        }
        changedFraction = size.area > 0 ? Double(changed) / Double(size.area) : 0
        if mask != nil {
            inside = inPixels > 0 ? Double(inChanged) / Double(inPixels) : 0
            outside = outPixels > 0 ? Double(outChanged) / Double(outPixels) : 0
        }
    }

    /// `rgb` (packed, `width`×`height`) averaged over 2×2 blocks into `target` (an odd
    /// last row or column is left out), then over 3×3 blocks (edges clamped), rounded to
    /// 8 bits.
    static func averaged(_ rgb: [UInt8], width w: Int, height h: Int, to target: (Int, Int)) -> [UInt8] {
        let (tw, th) = target
        // 2×2 sums (0…1020) per channel, then 3-wide horizontal sums of those.
        var rows = [UInt16](repeating: 0, count: 3 * tw * th)
        rgb.withUnsafeBufferPointer { source in
            rows.withUnsafeMutableBufferPointer { half in
                for ty in 0..<th {
                    let r0 = min(h - 1, 2 * ty) * w * 3, r1 = min(h - 1, 2 * ty + 1) * w * 3
                    let o = ty * tw * 3
                    for tx in 0..<tw {
                        let c0 = min(w - 1, 2 * tx) * 3, c1 = min(w - 1, 2 * tx + 1) * 3
                        for k in 0..<3 {
                            half[o + 3 * tx + k] = UInt16(source[r0 + c0 + k]) + UInt16(source[r0 + c1 + k])
                                + UInt16(source[r1 + c0 + k]) + UInt16(source[r1 + c1 + k])
                        }
                    }
                }
            }
        }
        var across = [UInt16](repeating: 0, count: 3 * tw * th)
        var counts = [UInt8](repeating: 0, count: tw)
        for tx in 0..<tw { counts[tx] = UInt8(min(tw - 1, tx + 1) - max(0, tx - 1) + 1) }
        rows.withUnsafeBufferPointer { half in
            across.withUnsafeMutableBufferPointer { out in
                for ty in 0..<th {
                    let o = ty * tw * 3
                    for tx in 0..<tw {
                        let left = max(0, tx - 1), right = min(tw - 1, tx + 1)
                        for k in 0..<3 {
                            var sum = half[o + 3 * left + k] + half[o + 3 * right + k]
                            if right - left == 2 { sum += half[o + 3 * tx + k] }
                            out[o + 3 * tx + k] = sum
                        }
                    }
                }
            }
        }
        var result = [UInt8](repeating: 0, count: 3 * tw * th)
        across.withUnsafeBufferPointer { src in
            result.withUnsafeMutableBufferPointer { out in
                for ty in 0..<th {
                    let top = max(0, ty - 1), bottom = min(th - 1, ty + 1)
                    let rowsUsed = bottom - top + 1
                    for tx in 0..<tw {
                        let n = Float(4 * rowsUsed * Int(counts[tx]))
                        for k in 0..<3 {
                            var sum = UInt32(src[(top * tw + tx) * 3 + k]) + UInt32(src[(bottom * tw + tx) * 3 + k])
                            if rowsUsed == 3 { sum += UInt32(src[(ty * tw + tx) * 3 + k]) }
                            out[(ty * tw + tx) * 3 + k] = UInt8((Float(sum) / n).rounded())
                        }
                    }
                }
            }
        }
        return result
    }
}
