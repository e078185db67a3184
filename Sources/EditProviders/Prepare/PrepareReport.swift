public import ImageCore
public import ImageOps

/// What `ImagePreparer` did, in upright source pixels.
public struct PrepareReport: Sendable, Hashable {
    /// Stored size and EXIF orientation of the input, and its upright size.
    public var inputSize: PixelSize
    public var orientation: Orientation
    public var uprightSize: PixelSize
    /// The source region kept (crop), inside the upright source.
    public var crop: PixelRect?
    /// Borders added, in source pixels (left, top, right, bottom).
    public var pad: PixelInsets?
    /// Output pixels per source pixel (horizontal).
    public var scale: Double
    public var transform: FitTransform
    public var outputSize: PixelSize
    /// The JPEG DCT scale used on load (1 = full size).
    public var decodeScaleDenominator: Int
    /// The model's id, whether the size is valid for it and experimental, and notes.
    public var modelID: String?
    public var modelValid: Bool
    public var experimental: Bool
    public var warnings: [String]
    /// The gravity rule used and what it kept (0…1).
    public var gravity: Gravity
    public var retention: Double
}
