import Dispatch
import Synchronization

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
        // The first pass in bands of rows side by side (above 64 K pixels), each with its
        // own histograms; the bands' sums are added in band order.
        let bands = max(1, min(4, width * height / 65_536, height))
        let bucketCount = DeltaEHistogram.bucketCount
        let counts = UnsafeMutablePointer<UInt32>.allocate(capacity: 2 * bucketCount * bands)
        defer { counts.deallocate() }
        counts.initialize(repeating: 0, count: 2 * bucketCount * bands)
        var totals = [Double](repeating: 0, count: 2 * height)
        let partials = Mutex([BandTally](repeating: BandTally(), count: bands))
        let noCoverage = [UInt8](repeating: 0, count: coverage == nil ? width : 0)
        deltaE.withUnsafeBufferPointer { de in
            rgbA.withUnsafeBufferPointer { pa in
                rgbB.withUnsafeBufferPointer { pb in
                    (coverage ?? noCoverage).withUnsafeBufferPointer { cov in
                        totals.withUnsafeMutableBufferPointer { totals in
                            let addresses = (de: Int(bitPattern: de.baseAddress), a: Int(bitPattern: pa.baseAddress), b: Int(bitPattern: pb.baseAddress),
                                             c: Int(bitPattern: cov.baseAddress), counts: Int(bitPattern: counts), totals: Int(bitPattern: totals.baseAddress))
                            DispatchQueue.concurrentPerform(iterations: bands) { band in
                                let bandCounts = UnsafeMutablePointer<UInt32>(bitPattern: addresses.counts)! + 2 * bucketCount * band
                                let tally = BandTally.rows((band * height / bands)..<((band + 1) * height / bands), width: width, height: height,
                                                           deltaE: UnsafePointer(bitPattern: addresses.de)!, rgbA: UnsafePointer(bitPattern: addresses.a)!,
                                                           rgbB: UnsafePointer(bitPattern: addresses.b)!, coverage: UnsafePointer(bitPattern: addresses.c)!,
                                                           coverageStride: coverage == nil ? 0 : width, threshold: threshold,
                                                           counts: bandCounts, insideCounts: bandCounts + bucketCount,
                                                           totals: UnsafeMutablePointer(bitPattern: addresses.totals)!)
                                partials.withLock { $0[band] = tally }
                            }
                        }
                    }
                }
            }
        }
        var whole = RegionTally(), inside = RegionTally()
        var largestOutside: Float = 0
        for tally in partials.withLock({ $0 }) {
            whole.add(tally.whole.pixels, tally.whole.changed, tally.whole.squares, 0, tally.whole.largest)
            inside.add(tally.inside.pixels, tally.inside.changed, tally.inside.squares, 0, tally.inside.largest)
            largestOutside = max(largestOutside, tally.largestOutside)
        }
        for y in 0..<height {
            whole.histogram.total += totals[y]
            inside.histogram.total += totals[height + y]
        }
        for band in 1..<bands {
            let other = counts + 2 * bucketCount * band
            for b in 0..<(2 * bucketCount) { counts[b] &+= other[b] }
        }
        let insideCounts = counts + bucketCount
        if !ssimMap.isEmpty {
            (coverage ?? noCoverage).withUnsafeBufferPointer { cov in
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

    /// One band's first pass: each region's sums (its histograms go to the band's counts).
    struct BandTally {
        /// A region's sums but the ΔE00 total (kept per row, added up in row order, so that
        /// the mean does not depend on the bands).
        struct Sums {
            var pixels = 0, changed = 0, squares = 0, largest: Float = 0

            mutating func add(_ pixels: Int, _ changed: Int, _ squares: Int, _ largest: Float) {
                self.pixels += pixels
                self.changed += changed
                self.squares += squares
                self.largest = max(self.largest, largest)
            }
        }
        var whole = Sums(), inside = Sums()
        /// The largest ΔE00 outside the mask (coverage 0).
        var largestOutside: Float = 0

        /// Tallies `rows` (row-major, `width` pixels each): every pixel into `whole` and
        /// `counts`, a row again for `inside` and `insideCounts` when the mask reaches it.
        /// `coverage` advances by `coverageStride` per row (0: one row of zeros, no mask).
        /// Row y's ΔE00 totals go to `totals[y]` (whole) and `totals[height + y]` (inside;
        /// left as they are when the mask misses the row).
        static func rows(_ rows: Range<Int>, width: Int, height: Int, deltaE de: UnsafePointer<Float>, rgbA pa: UnsafePointer<UInt8>, rgbB pb: UnsafePointer<UInt8>,
                         coverage: UnsafePointer<UInt8>, coverageStride: Int, threshold: Float,
                         counts: UnsafeMutablePointer<UInt32>, insideCounts: UnsafeMutablePointer<UInt32>, totals: UnsafeMutablePointer<Double>) -> BandTally {
            var result = BandTally()
            for y in rows {
                let row = y * width, c = coverage + y * coverageStride
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
                result.whole.add(width, changed, squares, largest)
                totals[y] = total
                result.largestOutside = max(result.largestOutside, outsideLargest)
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
                result.inside.add(pixels, changed, squares, largest)
                totals[height + y] = total
            }
            return result
        }
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
    /// whole] with it. One pass, in bands side by side, collects the values of the buckets
    /// the percentiles need; sixteen values at a time are first tested against the lowest
    /// of those buckets (most values lie below it).
    private static func collect(_ histograms: [DeltaEHistogram], from deltaE: [Float], coverage: [UInt8]?) -> [DeltaEStatistics] {
        // Bit s of flags[b]: histogram s wants bucket b.
        var flags = [UInt8](repeating: 0, count: DeltaEHistogram.bucketCount)
        for (s, histogram) in histograms.enumerated() { for b in histogram.wantedBuckets { flags[b] |= 1 << s } }
        var collected = [[Int: [Float]]](repeating: [:], count: histograms.count)
        if let lowest = flags.firstIndex(where: { $0 != 0 }) {
            // Values whose bit pattern is below this are in lower buckets (bucket 1 also
            // holds the positive values under 2⁻¹³³; bucket 0, the zeros, is never wanted).
            let floor = lowest == 1 ? 1 : UInt32(lowest) << 16
            let count = deltaE.count, bands = max(1, min(4, count / 262_144))
            let parts = Mutex([[[Int: [Float]]]](repeating: [], count: bands))
            deltaE.withUnsafeBufferPointer { values in
                (coverage ?? []).withUnsafeBufferPointer { cov in
                    flags.withUnsafeBufferPointer { flags in
                        let addresses = (v: Int(bitPattern: values.baseAddress), c: Int(bitPattern: cov.baseAddress), f: Int(bitPattern: flags.baseAddress))
                        DispatchQueue.concurrentPerform(iterations: bands) { band in
                            let v = UnsafePointer<Float>(bitPattern: addresses.v)!, f = UnsafePointer<UInt8>(bitPattern: addresses.f)!
                            let c = coverage == nil ? nil : UnsafePointer<UInt8>(bitPattern: addresses.c)
                            var found = [[Int: [Float]]](repeating: [:], count: histograms.count)
                            let start = band * count / bands, end = (band + 1) * count / bands
                            let threshold = SIMD16<UInt32>(repeating: floor)
                            var i = start
                            while i < end {
                                if i + 16 <= end && !any(UnsafeRawPointer(v + i).loadUnaligned(as: SIMD16<UInt32>.self) .>= threshold) {
                                    i += 16
                                    continue
                                }
                                let value = v[i], b = DeltaEHistogram.bucket(value), wanted = f[b]
                                if wanted != 0 {
                                    if let c {
                                        let region = c[i] > 0 ? 1 : 0
                                        if wanted & (1 << region) != 0 { found[region][b, default: []].append(value) }
                                        if wanted & 4 != 0 { found[2][b, default: []].append(value) }
                                    } else {
                                        found[0][b, default: []].append(value)
                                    }
                                }
                                i += 1
                            }
                            parts.withLock { $0[band] = found }
                        }
                    }
                }
            }
            for part in parts.withLock({ $0 }) {
                for (s, buckets) in part.enumerated() { for (b, values) in buckets { collected[s][b, default: []] += values } }
            }
        }
        return histograms.indices.map { histograms[$0].statistics(collected: collected[$0]) }
    }
}
