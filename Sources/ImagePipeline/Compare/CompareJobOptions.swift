public import ImageOps

/// What `CompareJob` compares, how, what pictures it writes and which budgets it checks.
public struct CompareJobOptions: Sendable {
    /// Image A (the reference) and image B (the version checked).
    public var aPath: String
    public var bPath: String
    /// The area the edit was allowed to change, and how to read it (detected when nil).
    public var maskPath: String?
    public var maskChannel: MaskImport.Channel?
    /// Resample B onto A's size when they differ (otherwise a size mismatch is an error).
    public var resizeB: Bool
    public var comparison: ComparisonOptions
    /// The ΔE00 heatmap (and its scale: ΔE00 at the top of the colour map, > 0), the
    /// labelled A | B | heatmap picture, and pixelmatch's picture, when wanted.
    public var heatmapPath: String?
    public var heatmapScale: Double
    public var sideBySidePath: String?
    public var diffImagePath: String?
    public var budgets: [Budget]

    public init(aPath: String, bPath: String, maskPath: String? = nil, maskChannel: MaskImport.Channel? = nil, resizeB: Bool = false,
                comparison: ComparisonOptions = ComparisonOptions(), heatmapPath: String? = nil, heatmapScale: Double = 10,
                sideBySidePath: String? = nil, diffImagePath: String? = nil, budgets: [Budget] = []) {
        self.aPath = aPath
        self.bPath = bPath
        self.maskPath = maskPath
        self.maskChannel = maskChannel
        self.resizeB = resizeB
        self.comparison = comparison
        self.heatmapPath = heatmapPath
        self.heatmapScale = heatmapScale
        self.sideBySidePath = sideBySidePath
        self.diffImagePath = diffImagePath
        self.budgets = budgets
    }
}
