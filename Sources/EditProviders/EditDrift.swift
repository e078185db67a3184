public import ImageOps

/// How far an edit moved the picture from the source: the whole image, and inside and
/// outside the mask (when there is one), before and after paste-back.
public struct EditDrift: Sendable, Encodable {
    public var beforePasteBack: Regions
    /// Nil without paste-back.
    public var afterPasteBack: Regions?

    /// Metrics of one comparison.
    public struct Regions: Sendable, Encodable {
        public var whole: RegionMetrics
        public var inside: RegionMetrics?
        public var outside: RegionMetrics?
        /// Changes above the codec noise floor (the drift guard reads `outside`).
        public var significant: SignificantChange

        public init(_ comparison: ImageComparison) {
            whole = comparison.whole
            inside = comparison.inside
            outside = comparison.outside
            significant = comparison.significant
        }
    }
}
