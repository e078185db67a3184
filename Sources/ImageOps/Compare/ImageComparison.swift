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
    /// Per-pixel ΔE00, row-major (for heatmaps).
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
        let width = a.width, height = a.height, count = width * height
        let hasAlpha = !(a.isOpaque && b.isOpaque)
        let (rgbA, rgbB) = colourSamples(a, b, overWhite: hasAlpha)
        let deltaE = deltaE(rgbA, rgbB)
        let ssimMap = options.structuralSimilarity ? StructuralSimilarity.map(rgbA, rgbB, width: width, height: height, channels: 3) : []
        let threshold = Float(options.deltaEThreshold)

        /// Metrics over every pixel, or over those whose mask coverage is > 0 (`inside`)
        /// or = 0 (`!inside`).
        func region(_ coverage: [UInt8]?, inside: Bool = true) -> RegionMetrics {
            var values: [Float] = []
            var pixels = 0, changed = 0, squaredTotal: UInt64 = 0, ssimTotal = 0.0, ssimCount = 0
            let border = StructuralSimilarity.radius
            let cropX = width > 2 * border ? border : 0, cropY = height > 2 * border ? border : 0
            if coverage != nil { values.reserveCapacity(count / 2) }
            for y in 0..<height {
                let inCrop = y >= cropY && y < height - cropY
                var rowSquares = 0
                for x in 0..<width {
                    let i = y * width + x
                    if let coverage, (coverage[i] > 0) != inside { continue }
                    pixels += 1
                    let d = deltaE[i]
                    if coverage != nil { values.append(d) }
                    if d > threshold { changed += 1 }
                    let k = 3 * i
                    let dr = Int(rgbA[k]) - Int(rgbB[k]), dg = Int(rgbA[k + 1]) - Int(rgbB[k + 1]), db = Int(rgbA[k + 2]) - Int(rgbB[k + 2])
                    rowSquares += dr * dr + dg * dg + db * db
                    if inCrop && !ssimMap.isEmpty && x >= cropX && x < width - cropX { ssimTotal += Double(ssimMap[i]); ssimCount += 1 }
                }
                squaredTotal += UInt64(rowSquares)
            }
            let mse = pixels > 0 ? Double(squaredTotal) / Double(3 * pixels) : 0
            let psnr: Double? = mse > 0 ? 10 * log10(255 * 255 / mse) : nil
            let statistics = coverage == nil ? deltaE.withUnsafeBufferPointer { DeltaEStatistics(values: $0) }
                                             : values.withUnsafeBufferPointer { DeltaEStatistics(values: $0) }
            return RegionMetrics(pixels: pixels, psnr: psnr, ssim: ssimCount > 0 ? ssimTotal / Double(ssimCount) : nil,
                                 deltaE2000: statistics, changedPixels: changed,
                                 changedFraction: pixels > 0 ? Double(changed) / Double(pixels) : 0)
        }

        var result = ImageComparison(size: a.size, whole: region(nil), pixelmatch: nil, alignment: nil, inside: nil, outside: nil, alpha: nil, deltaE: deltaE,
                                     significant: SignificantChange(rgbA: rgbA, rgbB: rgbB, size: a.size, mask: mask))
        // skimage's SSIM is the mean over the cropped map, exactly what region(nil) computes.
        if let mask {
            let coverage = mask.bytes
            result.inside = region(coverage, inside: true)
            result.outside = region(coverage, inside: false)
        }
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

    /// Packed 8-bit RGB of both images, composited over white when `overWhite`.
    private static func colourSamples(_ a: PixelBuffer, _ b: PixelBuffer, overWhite hasAlpha: Bool) -> ([UInt8], [UInt8]) {
        let white = RGB8(red: 255, green: 255, blue: 255)
        let rgbA = (hasAlpha ? a.converted(to: .rgba8).composited(over: white) : a.converted(to: .rgb8)).packedBytes
        let rgbB = (hasAlpha ? b.converted(to: .rgba8).composited(over: white) : b.converted(to: .rgb8)).packedBytes
        return (rgbA, rgbB)
    }

    /// ΔE00 per pixel of two packed 8-bit RGB sample arrays of equal length.
    private static func deltaE(_ rgbA: [UInt8], _ rgbB: [UInt8]) -> [Float] {
        let count = rgbA.count / 3
        // `compute` writes every value: no zero-filling pass first.
        return [Float](unsafeUninitializedCapacity: count) { values, initialized in
            rgbA.withUnsafeBufferPointer { pa in
                rgbB.withUnsafeBufferPointer { pb in DeltaEBatch.compute(pa.baseAddress!, pb.baseAddress!, count: count, into: values.baseAddress!) }
            }
            initialized = count
        }
    }

    private static func log10(_ x: Double) -> Double { Double.log10(x) }

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
