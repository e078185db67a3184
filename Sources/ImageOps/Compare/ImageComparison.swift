import Dispatch
public import ImageCore

/// Everything `retouch diff` measures between two images of the same size.
public struct ImageComparison: Sendable {
    public var size: PixelSize
    public var whole: RegionMetrics
    /// pixelmatch v7.2.0's mismatch count (on the original RGBA); nil when not counted.
    public var pixelmatch: Int?
    public var alignment: AlignmentResult?
    /// With a mask: coverage > 0 (the edit was allowed) and coverage = 0 (it had to stay).
    public var inside: RegionMetrics?
    public var outside: RegionMetrics?
    /// When either image has alpha.
    public var alpha: AlphaDifference?
    /// Per-pixel ΔE00, row-major (for heatmaps); empty without `perPixelDeltaE`.
    public var deltaE: [Float]
    /// Connected changes above the codec noise floor (and their share inside and outside
    /// the mask).
    public var significant: SignificantChange

    /// Compares `a` and `b` (same size; any format). Colour metrics use both images
    /// composited over white when either has a non-opaque pixel.
    /// - Precondition: equal sizes; `mask`, when given, has that size too.
    public static func compare(_ a: PixelBuffer, _ b: PixelBuffer, mask: Mask? = nil, options: ComparisonOptions = ComparisonOptions()) -> ImageComparison {
        precondition(a.size == b.size, "compare needs equal sizes: \(a.size) and \(b.size)")
        precondition(mask.map { $0.size == a.size } ?? true, "mask size differs from \(a.size)")
        let width = a.width, height = a.height
        let hasAlpha = !(a.isOpaque && b.isOpaque)
        // Metrics by region only (no SSIM, pixelmatch or shifts): the work is done on the
        // box around the pixels that differ; the rest counts as identical.
        let whole = PixelRect(size: a.size)
        let regionsOnly = !options.structuralSimilarity && !options.countPixelmatch && options.alignmentRadius == 0
        var boxA = a, boxB = b
        var differing = whole
        if regionsOnly, let found = differingBox(a, b), let croppedA = try? a.cropped(to: found), let croppedB = try? b.cropped(to: found) {
            (differing, boxA, boxB) = (found, croppedA, croppedB)
        }
        let box = differing
        let (rgbA, rgbB) = colourSamples(boxA, boxB, overWhite: hasAlpha)
        let coverage = mask.map { box == whole ? $0.bytes : Self.coverage(of: $0, in: box) }
        // Mask pixels (coverage > 0) outside the box: unchanged, counted once for both tallies.
        let insideOutsideBox = mask.map { box == whole ? 0 : $0.selectedPixelCount - coverage!.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } } ?? 0
        // The significant changes (their own averages) beside the per-pixel work.
        let (significant, (boxDeltaE, regions)) = SideBySide.run({
            SignificantChange(rgbA: rgbA, rgbB: rgbB, box: box, of: a.size, mask: mask, coveredOutsideBox: insideOutsideBox)
        }, {
            let boxDeltaE = Self.deltaE(rgbA, rgbB)
            let ssimMap = options.structuralSimilarity ? StructuralSimilarity.map(rgbA, rgbB, width: width, height: height, channels: 3) : []
            let regions = RegionTally.metrics(deltaE: boxDeltaE, rgbA: rgbA, rgbB: rgbB, width: box.width, height: box.height, coverage: coverage,
                                              threshold: Float(options.deltaEThreshold), ssimMap: ssimMap,
                                              unchanged: (whole.width * whole.height - box.width * box.height, insideOutsideBox))
            return (boxDeltaE, regions)
        })
        let deltaE = !options.perPixelDeltaE ? [] : box == whole ? boxDeltaE : Self.placed(boxDeltaE, box: box, in: a.size)
        var result = ImageComparison(size: a.size, whole: regions.whole, pixelmatch: nil, alignment: nil, inside: regions.inside, outside: regions.outside,
                                     alpha: nil, deltaE: deltaE, significant: significant)
        if options.countPixelmatch { result.pixelmatch = Pixelmatch.compare(a, b, options: options.pixelmatch).mismatched }
        if options.alignmentRadius > 0 {
            result.alignment = ShiftSearch.best(rgbA, rgbB, width: width, height: height, radius: options.alignmentRadius,
                                                deltaEThreshold: options.deltaEThreshold, unshiftedChangedFraction: result.whole.changedFraction)
        }
        if hasAlpha { result.alpha = alphaDifference(a, b) }
        return result
    }

    /// Per-pixel ΔE00 between `a` and `b` (same size; any format), row-major: the values
    /// `compare` reports in `deltaE`, without the other metrics. Images with alpha are
    /// composited over white first.
    /// - Precondition: equal sizes.
    public static func deltaE(_ a: PixelBuffer, _ b: PixelBuffer) -> [Float] {
        precondition(a.size == b.size, "deltaE needs equal sizes: \(a.size) and \(b.size)")
        let (rgbA, rgbB) = colourSamples(a, b, overWhite: !(a.isOpaque && b.isOpaque))
        return deltaE(rgbA, rgbB)
    }

    /// The smallest box holding every pixel whose bytes differ between `a` and `b`, widened
    /// by 8 px and to even coordinates and sides (except at the image's edges), as
    /// `SignificantChange` needs; a 2×2 (or smaller) corner when nothing differs. Nil when
    /// the formats differ or the box is (nearly) the whole image.
    static func differingBox(_ a: PixelBuffer, _ b: PixelBuffer) -> PixelRect? {
        guard a.format == b.format else { return nil }
        let bpp = a.format.bytesPerPixel, rowBytes = a.rowByteCount
        var minX = a.width, maxX = -1, minY = a.height, maxY = -1
        a.withUnsafeBytes { pa in
            b.withUnsafeBytes { pb in
                for y in 0..<a.height {
                    let ra = pa.baseAddress! + y * a.bytesPerRow, rb = pb.baseAddress! + y * b.bytesPerRow
                    guard !DeltaEBatch.equal(ra.assumingMemoryBound(to: UInt8.self), rb.assumingMemoryBound(to: UInt8.self), bytes: rowBytes) else { continue }
                    var first = 0, last = rowBytes - 1
                    while ra.load(fromByteOffset: first, as: UInt8.self) == rb.load(fromByteOffset: first, as: UInt8.self) { first += 1 }
                    while ra.load(fromByteOffset: last, as: UInt8.self) == rb.load(fromByteOffset: last, as: UInt8.self) { last -= 1 }
                    minX = min(minX, first / bpp); maxX = max(maxX, last / bpp)
                    minY = min(minY, y); maxY = y
                }
            }
        }
        guard maxY >= 0 else { return PixelRect(x: 0, y: 0, width: min(2, a.width), height: min(2, a.height)) }
        func span(_ low: Int, _ high: Int, _ length: Int) -> (Int, Int) {
            let start = max(0, low - 8) & ~1
            var end = min(length, high + 1 + 8)
            if end < length && (end - start) % 2 == 1 { end += 1 }
            return (start, end)
        }
        let (x0, x1) = span(minX, maxX, a.width), (y0, y1) = span(minY, maxY, a.height)
        let box = PixelRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
        return box.width * box.height > a.width * a.height * 3 / 4 ? nil : box
    }

    /// `mask`'s coverage inside `box`, row-major.
    private static func coverage(of mask: Mask, in box: PixelRect) -> [UInt8] {
        let bytes = mask.bytes
        var result: [UInt8] = []
        result.reserveCapacity(box.width * box.height)
        for y in box.y..<box.maxY { result.append(contentsOf: bytes[(y * mask.width + box.x)..<(y * mask.width + box.maxX)]) }
        return result
    }

    /// `values` (row-major over `box`) on a zero image of `size`.
    private static func placed(_ values: [Float], box: PixelRect, in size: PixelSize) -> [Float] {
        var result = [Float](repeating: 0, count: size.width * size.height)
        result.withUnsafeMutableBufferPointer { out in
            values.withUnsafeBufferPointer { source in
                for y in 0..<box.height {
                    (out.baseAddress! + (box.y + y) * size.width + box.x).update(from: source.baseAddress! + y * box.width, count: box.width)
                }
            }
        }
        return result
    }

    /// Packed 8-bit RGB of both images, composited over white when `overWhite`.
    private static func colourSamples(_ a: PixelBuffer, _ b: PixelBuffer, overWhite hasAlpha: Bool) -> ([UInt8], [UInt8]) {
        let white = RGB8(red: 255, green: 255, blue: 255)
        let rgbA = (hasAlpha ? a.converted(to: .rgba8).composited(over: white) : a.converted(to: .rgb8)).packedBytes
        let rgbB = (hasAlpha ? b.converted(to: .rgba8).composited(over: white) : b.converted(to: .rgb8)).packedBytes
        return (rgbA, rgbB)
    }

    /// ΔE00 per pixel of two packed 8-bit RGB sample arrays of equal length, in up to 8
    /// bands side by side (above 64 K pixels).
    private static func deltaE(_ rgbA: [UInt8], _ rgbB: [UInt8]) -> [Float] {
        let count = rgbA.count / 3
        guard count > 0 else { return [] }
        let bands = max(1, min(8, count / 65_536))
        // `compute` writes every value: no zero-filling pass first.
        return [Float](unsafeUninitializedCapacity: count) { values, initialized in
            let out = Int(bitPattern: values.baseAddress)
            rgbA.withUnsafeBufferPointer { pa in
                rgbB.withUnsafeBufferPointer { pb in
                    let a = Int(bitPattern: pa.baseAddress), b = Int(bitPattern: pb.baseAddress)
                    DispatchQueue.concurrentPerform(iterations: bands) { band in
                        let start = band * count / bands, end = (band + 1) * count / bands
                        DeltaEBatch.compute(UnsafePointer(bitPattern: a)! + 3 * start, UnsafePointer(bitPattern: b)! + 3 * start, count: end - start,
                                            into: UnsafeMutablePointer(bitPattern: out)! + start)
                    }
                }
            }
            initialized = count
        }
    }

    private static func alphaDifference(_ a: PixelBuffer, _ b: PixelBuffer) -> AlphaDifference {
        let alphaA = Mask(alphaOf: a).bytes, alphaB = Mask(alphaOf: b).bytes
        var largest = 0, total = 0, changed = 0
        for i in 0..<alphaA.count {
            let d = abs(Int(alphaA[i]) - Int(alphaB[i]))
            largest = max(largest, d); total += d
            if d > 0 { changed += 1 }
        }
        return AlphaDifference(max: largest, mean: Double(total) / Double(max(1, alphaA.count)), changedPixels: changed)
    }
}
