public import ImageCore

/// The prepared pixels (and mask), with what was done to them.
public struct PreparedImage: Sendable {
    /// Upright, cropped or padded and resampled; straight-alpha RGBA8.
    public var pixels: PixelBuffer
    /// The mask with the same geometry applied, when one was given.
    public var mask: Mask?
    public var report: PrepareReport
}
