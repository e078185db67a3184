/// A comparison's region metrics (the whole image, and inside and outside a mask) in two
/// passes over the pixels: the first sums each region's pixels, changes, squared errors,
/// SSIM and ΔE00 histogram; the second collects the ΔE00 values of the few histogram
/// buckets that the percentiles fall into.
struct RegionTally {
    var changed = 0
    var squares: UInt64 = 0
    var ssimTotal = 0.0
    var ssimCount = 0
    var histogram = DeltaEHistogram()
    /// Pixels in the region: the histogram's count.
    var pixels: Int { histogram.count }

    func metrics(_ statistics: DeltaEStatistics) -> RegionMetrics {
        let mse = pixels > 0 ? Double(squares) / Double(3 * pixels) : 0
        return RegionMetrics(pixels: pixels, psnr: mse > 0 ? 10 * Double.log10(255 * 255 / mse) : nil,
                             ssim: ssimCount > 0 ? ssimTotal / Double(ssimCount) : nil, deltaE2000: statistics,
                             changedPixels: changed, changedFraction: pixels > 0 ? Double(changed) / Double(pixels) : 0)
    }

    /// The metrics of the whole image and, with `coverage` (row-major, one byte per
    /// pixel), of the pixels with coverage > 0 (inside) and = 0 (outside). `deltaE` and
    /// `ssimMap` (empty: no SSIM) are row-major per pixel, `rgbA`/`rgbB` packed RGB. SSIM
    /// is averaged away from the map's 5-pixel border; a pixel counts as changed when
    /// its ΔE00 exceeds `threshold`. `unchanged` counts identical pixels (ΔE00 0) that
    /// are not in the arrays, in the whole image and inside the mask: the rest of an image
    /// whose differences all lie in the arrays' box.
    ///
    /// Every pixel goes into the whole image's tally without a branch; only the rows the
    /// mask reaches are read again for the inside, and outside is whole − inside (its
    /// largest value is kept in the first pass).
    static func metrics(deltaE: [Float], rgbA: [UInt8], rgbB: [UInt8], width: Int, height: Int, coverage: [UInt8]?,
                        threshold: Float, ssimMap: [Float], unchanged: (whole: Int, inside: Int) = (0, 0)) -> (whole: RegionMetrics, inside: RegionMetrics?, outside: RegionMetrics?) {
        var whole = RegionTally(), inside = RegionTally()
        var largestOutside: Float = 0
        let bucketCount = DeltaEHistogram.bucketCount
        let counts = UnsafeMutablePointer<UInt32>.allocate(capacity: 2 * bucketCount)
        defer { counts.deallocate() }
        counts.initialize(repeating: 0, count: 2 * bucketCount)
        let insideCounts = counts + bucketCount
        let noCoverage = [UInt8](repeating: 0, count: coverage == nil ? width : 0)
        deltaE.withUnsafeBufferPointer { de in
            rgbA.withUnsafeBufferPointer { pa in
                rgbB.withUnsafeBufferPointer { pb in
                    (coverage ?? noCoverage).withUnsafeBufferPointer { cov in
                        for y in 0..<height {
                            let row = y * width, c = cov.baseAddress! + (coverage == nil ? 0 : row)
                            var changed = 0, squares = 0, total = 0.0, largest: Float = 0, outsideLargest: Float = 0, reached: UInt8 = 0
                            /// The squared RGB error and the ΔE00 of pixel i.
                            @inline(__always) func errors(_ i: Int) -> (square: Int, d: Float) {
                                let k = 3 &* i
                                let dr = Int(pa[k]) &- Int(pb[k]), dg = Int(pa[k &+ 1]) &- Int(pb[k &+ 1]), db = Int(pa[k &+ 2]) &- Int(pb[k &+ 2])
                                return (dr &* dr &+ dg &* dg &+ db &* db, de[i])
                            }
                            for x in 0..<width {
                                let (square, d) = errors(row &+ x)
                                squares &+= square
                                changed &+= d > threshold ? 1 : 0
                                total += Double(d)
                                largest = d > largest ? d : largest
                                let m = c[x]
                                reached |= m
                                let outsideValue = m > 0 ? 0 : d
                                outsideLargest = outsideValue > outsideLargest ? outsideValue : outsideLargest
                                counts[DeltaEHistogram.bucket(d)] &+= 1
                            }
                            whole.add(width, changed, squares, total, largest)
                            largestOutside = max(largestOutside, outsideLargest)
                            guard reached > 0 else { continue }
                            // The mask reaches this row: its inside pixels again.
                            changed = 0; squares = 0; total = 0; largest = 0
                            var pixels = 0
                            for x in 0..<width where c[x] > 0 {
                                let (square, d) = errors(row &+ x)
                                squares &+= square
                                changed &+= d > threshold ? 1 : 0
                                total += Double(d)
                                largest = d > largest ? d : largest
                                pixels &+= 1
                                insideCounts[DeltaEHistogram.bucket(d)] &+= 1
                            }
                            inside.add(pixels, changed, squares, total, largest)
                        }
                        guard !ssimMap.isEmpty else { return }
                        let border = StructuralSimilarity.radius
                        let cropX = width > 2 * border ? border : 0, cropY = height > 2 * border ? border : 0
                        for y in cropY..<(height - cropY) {
                            let row = y * width, c = cov.baseAddress! + (coverage == nil ? 0 : row)
                            var wholeTotal = 0.0, insideTotal = 0.0, insideCount = 0
                            for x in cropX..<(width - cropX) {
                                let v = Double(ssimMap[row + x])
                                wholeTotal += v
                                if c[x] > 0 { insideTotal += v; insideCount += 1 }
                            }
                            whole.ssimTotal += wholeTotal; whole.ssimCount += width - 2 * cropX
                            inside.ssimTotal += insideTotal; inside.ssimCount += insideCount
                        }
                    }
                }
            }
        }
        whole.add(unchanged.whole, 0, 0, 0, 0)
        counts[0] &+= UInt32(unchanged.whole)
        inside.add(unchanged.inside, 0, 0, 0, 0)
        insideCounts[0] &+= UInt32(unchanged.inside)
        whole.histogram.counts = Array(UnsafeBufferPointer(start: counts, count: bucketCount))
        guard coverage != nil else {
            let statistics = collect([whole.histogram], from: deltaE, coverage: nil)
            return (whole.metrics(statistics[0]), nil, nil)
        }
        inside.histogram.counts = Array(UnsafeBufferPointer(start: insideCounts, count: bucketCount))
        var outside = whole
        outside.subtract(inside)
        outside.histogram.largest = largestOutside
        let statistics = collect([outside.histogram, inside.histogram, whole.histogram], from: deltaE, coverage: coverage)
        return (whole.metrics(statistics[2]), inside.metrics(statistics[1]), outside.metrics(statistics[0]))
    }

    /// Removes `part` (a subset of these pixels) from the sums; the largest value stays.
    private mutating func subtract(_ part: RegionTally) {
        changed -= part.changed
        squares -= part.squares
        ssimTotal -= part.ssimTotal
        ssimCount -= part.ssimCount
        histogram.count -= part.histogram.count
        histogram.total = max(0, histogram.total - part.histogram.total)
        histogram.counts.withUnsafeMutableBufferPointer { mine in
            part.histogram.counts.withUnsafeBufferPointer { theirs in for b in 0..<DeltaEHistogram.bucketCount { mine[b] &-= theirs[b] } }
        }
    }

    private mutating func add(_ pixels: Int, _ changed: Int, _ squares: Int, _ total: Double, _ largest: Float) {
        self.changed += changed
        self.squares += UInt64(squares)
        histogram.count += pixels
        histogram.total += total
        histogram.largest = max(histogram.largest, largest)
    }

    /// The statistics of each histogram: [region 0] without coverage; [outside, inside,
    /// whole] with it. One pass collects the values of the buckets the percentiles need.
    private static func collect(_ histograms: [DeltaEHistogram], from deltaE: [Float], coverage: [UInt8]?) -> [DeltaEStatistics] {
        // Bit s of flags[b]: histogram s wants bucket b.
        var flags = [UInt8](repeating: 0, count: DeltaEHistogram.bucketCount)
        for (s, histogram) in histograms.enumerated() { for b in histogram.wantedBuckets { flags[b] |= 1 << s } }
        var collected = [[Int: [Float]]](repeating: [:], count: histograms.count)
        if flags.contains(where: { $0 != 0 }) {
            for i in deltaE.indices {
                let v = deltaE[i], b = DeltaEHistogram.bucket(v), f = flags[b]
                guard f != 0 else { continue }
                if let coverage {
                    let region = coverage[i] > 0 ? 1 : 0
                    if f & (1 << region) != 0 { collected[region][b, default: []].append(v) }
                    if f & 4 != 0 { collected[2][b, default: []].append(v) }
                } else {
                    collected[0][b, default: []].append(v)
                }
            }
        }
        return histograms.indices.map { histograms[$0].statistics(collected: collected[$0]) }
    }
}
