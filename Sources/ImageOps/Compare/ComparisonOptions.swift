/// Settings of `ImageComparison.compare`.
public struct ComparisonOptions: Sendable, Hashable {
    /// A pixel counts as changed when its ΔE00 exceeds this. Default 2.0.
    public var deltaEThreshold: Double
    public var pixelmatch: PixelmatchOptions
    /// Largest shift tried by the alignment search, in pixels (0 turns it off). Default 4.
    public var alignmentRadius: Int

    public init(deltaEThreshold: Double = 2.0, pixelmatch: PixelmatchOptions = PixelmatchOptions(), alignmentRadius: Int = 4) {
        self.deltaEThreshold = deltaEThreshold
        self.pixelmatch = pixelmatch
        self.alignmentRadius = alignmentRadius
    }
}
