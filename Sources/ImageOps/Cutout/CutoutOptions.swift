public import ImageCore

/// Settings of `Cutout.apply`.
public struct CutoutOptions: Sendable, Hashable {
    /// What to do with regions enclosed by the subject that look like the backdrop.
    public enum Holes: String, Sendable, Hashable, CaseIterable {
        /// Remove those as flat and as close to the backdrop as its border, behind a real edge.
        case auto
        /// Keep every enclosed region opaque.
        case keep
        /// Remove every enclosed region that matches the backdrop.
        case remove
    }

    /// What to do with soft shadows cast on the backdrop.
    public enum Shadows: String, Sendable, Hashable, CaseIterable {
        /// Return them as semi-transparent black.
        case keep
        /// Make them transparent.
        case drop
    }

    /// The backdrop colour; nil estimates a flat colour or gradient from the border.
    public var background: RGB8?
    public var holes: Holes
    public var shadows: Shadows
    /// Whether the input was lossy (JPEG): the colour tolerance is widened for its noise.
    public var lossyInput: Bool

    public init(background: RGB8? = nil, holes: Holes = .auto, shadows: Shadows = .keep, lossyInput: Bool = false) {
        self.background = background
        self.holes = holes
        self.shadows = shadows
        self.lossyInput = lossyInput
    }
}
