public import ImageCore

/// What `SizeFitter` decided: the output size, and the exact source region (after crop or
/// pad) whose aspect matches it.
public struct FitPlan: Sendable, Hashable {
    public var outputSize: PixelSize
    /// The source region's size, before placement (crop: inside the source; pad: around it).
    public var regionSize: PixelSize
    public var mode: FitMode
    /// Whether the rules flag the output size as experimental.
    public var experimental: Bool
    /// Notes for the user (target raised to meet a minimum, aspect clamped, …).
    public var warnings: [String]
}
