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
        let width = a.width, height = a.height
        let hasAlpha = !(a.isOpaque && b.isOpaque)
        let (rgbA, rgbB) = colourSamples(a, b, overWhite: hasAlpha)
        let deltaE = deltaE(rgbA, rgbB)
        let ssimMap = options.structuralSimilarity ? StructuralSimilarity.map(rgbA, rgbB, width: width, height: height, channels: 3) : []
        let regions = RegionTally.metrics(deltaE: deltaE, rgbA: rgbA, rgbB: rgbB, width: width, height: height, coverage: mask?.bytes,
                                          threshold: Float(options.deltaEThreshold), ssimMap: ssimMap)
        var result = ImageComparison(size: a.size, whole: regions.whole, pixelmatch: nil, alignment: nil, inside: regions.inside, outside: regions.outside,
                                     alpha: nil, deltaE: deltaE, significant: SignificantChange(rgbA: rgbA, rgbB: rgbB, size: a.size, mask: mask))
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
