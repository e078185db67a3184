/// Settings of `ImageComparison.compare`.
public struct ComparisonOptions: Sendable, Hashable {
    /// A pixel counts as changed when its ΔE00 exceeds this. Default 2.0.
    public var deltaEThreshold: Double
    public var pixelmatch: PixelmatchOptions
    /// Largest shift tried by the alignment search, in pixels (0 turns it off). Default 4.
    public var alignmentRadius: Int
    /// Whether to compute SSIM (a third of the comparison's time). Default true.
    public var structuralSimilarity: Bool
    /// Whether to count pixelmatch's mismatches. Default true.
    public var countPixelmatch: Bool
    /// Whether to return the per-pixel ΔE00 plane (`ImageComparison.deltaE`, for
    /// heatmaps; a full-size Float plane). Default true.
    public var perPixelDeltaE: Bool

    public init(deltaEThreshold: Double = 2.0, pixelmatch: PixelmatchOptions = PixelmatchOptions(), alignmentRadius: Int = 4,
                structuralSimilarity: Bool = true, countPixelmatch: Bool = true, perPixelDeltaE: Bool = true) {
        self.deltaEThreshold = deltaEThreshold
        self.pixelmatch = pixelmatch
        self.alignmentRadius = alignmentRadius
        self.structuralSimilarity = structuralSimilarity
        self.countPixelmatch = countPixelmatch
        self.perPixelDeltaE = perPixelDeltaE
    }

    /// What an edit's drift report needs: ΔE00, PSNR and significant changes, no SSIM,
    /// pixelmatch, alignment search or per-pixel plane.
    public static let drift = ComparisonOptions(alignmentRadius: 0, structuralSimilarity: false, countPixelmatch: false, perPixelDeltaE: false)
}
