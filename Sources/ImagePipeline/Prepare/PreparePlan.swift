public import ImageCodecs
public import ImageCore
public import ImageOps

/// What `PrepareJob` will do to an image, decided from its header alone: sizes, the DCT
/// scale to decode at, and (unless the gravity reads the pixels) where the crop or pad
/// goes. Sizes are upright source pixels unless named "decoded".
public struct PreparePlan: Sendable, Hashable {
    public var format: ImageFormat
    /// Stored size and the orientation applied (identity with `orient` off).
    public var inputSize: PixelSize
    public var orientation: Orientation
    public var uprightSize: PixelSize
    public var outputSize: PixelSize
    /// The source region that becomes the output (crop: inside, pad: around the source).
    public var regionSize: PixelSize
    public var fit: FitMode
    /// The gravity, with a focal point in pixels resolved to fractions of the upright size.
    public var gravity: Gravity
    /// The JPEG DCT scale used on load (1 = full size).
    public var decodeScaleDenominator: Int
    /// The upright frame's size after the DCT scale, in decoded pixels.
    public var decodedSize: PixelSize
    /// Only this part of a JPEG is decoded (decoded pixels), when the crop is known.
    public var jpegRegion: PixelRect?
    /// Where the crop or pad lies in the decoded frame (decoded pixels); nil when the
    /// gravity (entropy, attention, subject) decides it from the pixels.
    public var placement: PixelRect?
    public var experimental: Bool
    public var warnings: [String]
    /// Whether the output size satisfies the rules (true without rules).
    public var sizeValid: Bool

    /// Decoded pixels per upright source pixel.
    public var decodeScale: Double { Double(decodedSize.width) / Double(uprightSize.width) }

    /// The source region in upright source pixels, once the placement is known.
    public func sourceRect(for placed: PixelRect) -> PixelRect {
        let scale = decodeScale
        return PixelRect(x: Int((Double(placed.x) / scale).rounded()), y: Int((Double(placed.y) / scale).rounded()),
                         width: Int((Double(placed.width) / scale).rounded()), height: Int((Double(placed.height) / scale).rounded()))
    }

    /// Output ↔ source mapping, known ahead when the placement is (nil otherwise: see
    /// `PrepareReport.transform` after `execute`).
    public var transform: FitTransform? {
        placement.map { FitTransform(sourceRect: sourceRect(for: $0), outputSize: outputSize) }
    }
}
