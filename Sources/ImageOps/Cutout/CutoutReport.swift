public import ImageCore

/// What `Cutout.apply` found and decided.
public struct CutoutReport: Sendable, Hashable {
    /// The backdrop at the image centre.
    public var backdrop: RGB8
    /// "flat" or "gradient".
    public var backdropKind: String
    /// Border noise around the model, 8-bit RGB distance.
    public var noise: Double
    /// Whether the input was treated as lossy.
    public var lossyInput: Bool
    /// The colour distance (8-bit RGB) under which a pixel matches the backdrop.
    public var tolerance: Double
    /// Fraction of pixels with alpha > 0 (shadows excluded), 0…1.
    public var foregroundFraction: Double
    /// Bounding box of alpha ≥ 0.5 (shadows excluded), or nil.
    public var subjectBox: PixelRect?
    public var holesRemoved: Int
    /// Pixels returned as shadow (kept) or removed as shadow (dropped).
    public var shadowPixels: Int
    /// Reasons the image may not be a product on a plain backdrop.
    public var warnings: [String]
}
