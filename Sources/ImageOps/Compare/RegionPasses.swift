import RealModule

/// The whole-image, inside and outside metrics of one comparison in two passes over the
/// pixels, instead of a pass (plus three for the ΔE percentiles) per region: the first
/// accumulates every region's sums and a histogram of its ΔE values' top 16 bits, the
/// second collects only the histogram buckets that hold the wanted ranks. The results
/// equal `DeltaEStatistics(values:)` over each region's values in row order.
enum RegionPasses {
    /// One region's running sums.
    private struct Sums {
        var pixels = 0, changed = 0, squares: UInt64 = 0, total = 0.0, largest: Float = 0, ssim = 0.0, ssimCount = 0
    }

    /// `coverage` nil: only `whole`. Otherwise inside is coverage > 0, outside = 0.
    static func metrics(deltaE: [Float], rgbA: [UInt8], rgbB: [UInt8], ssimMap: [Float], width: Int, height: Int,
                        coverage: [UInt8]?, threshold: Float) -> (whole: RegionMetrics, inside: RegionMetrics?, outside: RegionMetrics?) {
        let regions = coverage == nil ? 1 : 2   // 0: outside (or everything), 1: inside
        var sums = [Sums](repeating: Sums(), count: regions)
        var wholeTotal = 0.0
        var histogram = [Int](repeating: 0, count: regions << 16)
        let border = StructuralSimilarity.radius
        let cropX = width > 2 * border ? border : 0, cropY = height > 2 * border ? border : 0
        // Per-pixel work on local sums (one per region, picked by a predictable branch:
        // mask regions are contiguous) and raw pointers; rows fold into `sums`.
        deltaE.withUnsafeBufferPointer { d in
        rgbA.withUnsafeBufferPointer { a in
        rgbB.withUnsafeBufferPointer { b in
        histogram.withUnsafeMutableBufferPointer { counts in
            var outside = Sums(), inside = Sums()
            let hasSSIM = !ssimMap.isEmpty
            for y in 0..<height {
                let inCrop = y >= cropY && y < height - cropY
                var squares0 = 0, squares1 = 0
                for x in 0..<width {
                    let i = y * width + x
                    let v = d[i]
                    let k = 3 * i
                    let dr = Int(a[k]) - Int(b[k]), dg = Int(a[k + 1]) - Int(b[k + 1]), db = Int(a[k + 2]) - Int(b[k + 2])
                    let square = dr * dr + dg * dg + db * db
                    let changed = v > threshold ? 1 : 0
                    let ssimHere = inCrop && hasSSIM && x >= cropX && x < width - cropX
                    wholeTotal += Double(v)
                    if let coverage, coverage[i] > 0 {
                        inside.pixels += 1; inside.changed += changed; inside.total += Double(v)
                        if v > inside.largest { inside.largest = v }
                        counts[(1 << 16) + bucket(v)] += 1
                        squares1 += square
                        if ssimHere { inside.ssim += Double(ssimMap[i]); inside.ssimCount += 1 }
                    } else {
                        outside.pixels += 1; outside.changed += changed; outside.total += Double(v)
                        if v > outside.largest { outside.largest = v }
                        counts[bucket(v)] += 1
                        squares0 += square
                        if ssimHere { outside.ssim += Double(ssimMap[i]); outside.ssimCount += 1 }
                    }
                }
                outside.squares += UInt64(squares0)
                inside.squares += UInt64(squares1)
            }
            sums[0] = outside
            if regions == 2 { sums[1] = inside }
        }}}}

        // The whole image: both regions together.
        var whole = sums[0]
        var wholeCounts = Array(histogram[0..<(1 << 16)])
        if regions == 2 {
            let inside = sums[1]
            whole.pixels += inside.pixels; whole.changed += inside.changed; whole.squares += inside.squares
            whole.largest = max(whole.largest, inside.largest); whole.ssim += inside.ssim; whole.ssimCount += inside.ssimCount
            for k in 0..<(1 << 16) { wholeCounts[k] += histogram[(1 << 16) + k] }
        }
        whole.total = wholeTotal

        // Each region's wanted ranks → (bucket, rank inside it); then one pass collects them.
        var lists: [(counts: [Int], sums: Sums, region: Int?)] = [(wholeCounts, whole, nil)]
        if regions == 2 {
            lists.append((Array(histogram[(1 << 16)...]), sums[1], 1))
            lists.append((Array(histogram[0..<(1 << 16)]), sums[0], 0))
        }
        var targets: [[(bucket: Int, rank: Int)]] = []
        var slots = [[Int8]](repeating: [Int8](repeating: -1, count: 1 << 16), count: lists.count)
        var buckets: [[[Float]]] = []
        for (index, list) in lists.enumerated() {
            var wanted: [(bucket: Int, rank: Int)] = []
            var collected: [[Float]] = []
            if list.sums.pixels > 0 {
                for rank in DeltaEStatistics.percentileRanks(count: list.sums.pixels) {
                    var below = 0, bucket = 0
                    while below + list.counts[bucket] <= rank { below += list.counts[bucket]; bucket += 1 }
                    wanted.append((bucket, rank - below))
                    if slots[index][bucket] < 0 {
                        slots[index][bucket] = Int8(collected.count)
                        collected.append([])
                        collected[collected.count - 1].reserveCapacity(list.counts[bucket])
                    }
                }
            }
            targets.append(wanted)
            buckets.append(collected)
        }
        for y in 0..<height {
            for x in 0..<width {
                let i = y * width + x, v = deltaE[i], k = bucket(v)
                let s = slots[0][k]
                if s >= 0 { buckets[0][Int(s)].append(v) }
                if regions == 2 {
                    let list = coverage![i] > 0 ? 1 : 2
                    let t = slots[list][k]
                    if t >= 0 { buckets[list][Int(t)].append(v) }
                }
            }
        }
        func metrics(_ index: Int) -> RegionMetrics {
            let s = lists[index].sums
            var statistics = DeltaEStatistics.zero
            if s.pixels > 0 {
                let found = targets[index].map { DeltaEStatistics.select($0.rank, in: &buckets[index][Int(slots[index][$0.bucket])]) }
                statistics = DeltaEStatistics(count: s.pixels, total: s.total, largest: s.largest, ranked: found)
            }
            let mse = s.pixels > 0 ? Double(s.squares) / Double(3 * s.pixels) : 0
            return RegionMetrics(pixels: s.pixels, psnr: mse > 0 ? 10 * Double.log10(255 * 255 / mse) : nil,
                                 ssim: s.ssimCount > 0 ? s.ssim / Double(s.ssimCount) : nil, deltaE2000: statistics,
                                 changedPixels: s.changed, changedFraction: s.pixels > 0 ? Double(s.changed) / Double(s.pixels) : 0)
        }
        return regions == 2 ? (metrics(0), metrics(1), metrics(2)) : (metrics(0), nil, nil)
    }

    @inline(__always) private static func bucket(_ v: Float) -> Int { v > 0 ? Int(v.bitPattern >> 16) : 0 }
}
