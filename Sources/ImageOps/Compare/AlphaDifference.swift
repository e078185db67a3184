/// How the alpha channels differ, reported separately from the colour metrics (which
/// compare both images composited over white).
public struct AlphaDifference: Sendable, Hashable, Encodable {
    /// Largest |αA − αB|, 0…255.
    public var max: Int
    /// Mean |αA − αB|, 0…255.
    public var mean: Double
    /// Pixels whose alpha differs.
    public var changedPixels: Int

    public init(max: Int, mean: Double, changedPixels: Int) {
        self.max = max
        self.mean = mean
        self.changedPixels = changedPixels
    }
}
