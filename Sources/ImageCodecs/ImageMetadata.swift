public import ImageCore

/// What a file says about itself, reported and not interpreted (no ICC transform,
/// no gamma). Sizes are as stored, before orientation.
public struct ImageMetadata: Sendable, Equatable {
    public var format: ImageFormat
    /// Stored width and height in pixels (before orientation and any DCT scaling).
    public var width: Int
    public var height: Int
    /// The transform to upright (identity when absent or invalid).
    public var orientation: Orientation
    /// The raw EXIF Orientation value, when the tag is present (may be invalid: 0, 9, …).
    public var exifOrientationValue: Int?
    /// Colour model as stored: "grayscale", "grayscale+alpha", "rgb", "rgba", "palette",
    /// "ycbcr", "cmyk", "ycck".
    public var colorType: String
    /// Bits per sample as stored (1…16).
    public var bitDepth: Int
    /// Coding process: "deflate", "deflate, interlaced (Adam7)", "baseline",
    /// "progressive", "extended", "arithmetic", "lossy", "lossless".
    public var compression: String
    /// Whether the file can carry non-opaque pixels (alpha channel, tRNS, ALPH).
    public var hasAlphaChannel: Bool
    /// The embedded ICC profile, unmodified.
    public var iccProfile: [UInt8]?
    /// The profile's 'desc' text, when it has one.
    public var iccDescription: String?
    /// The profile's colour space as LittleCMS reads it ("RGB", "GRAY", "CMYK", …);
    /// nil without a profile or when LittleCMS cannot read it.
    public var iccColourSpace: String?
    /// Whether the profile is sRGB in effect (converting with it moves no 8-bit value by
    /// more than 1), whatever its name; false for an unreadable profile, nil without one.
    public var iccIsSRGB: Bool?
    public var hasEXIF: Bool
    /// Whether EXIF carries a GPS IFD.
    public var hasGPS: Bool
    public var hasXMP: Bool
    /// Whether a C2PA / JUMBF manifest is embedded (JPEG APP11, PNG caBX, WebP C2PA).
    public var hasC2PA: Bool
    /// PNG only: whether a text chunk (tEXt, zTXt, iTXt: comments, generator parameters,
    /// XMP) is present.
    public var hasTextChunks = false
    public var isAnimated: Bool
    /// Number of frames (1 for still images).
    public var frameCount: Int
    /// Size of the encoded input, in bytes.
    public var byteCount: Int

    /// The size after orientation is applied.
    public var uprightSize: PixelSize {
        orientation.uprightSize(of: PixelSize(width: width, height: height))
    }

    public init(format: ImageFormat, width: Int, height: Int, colorType: String, bitDepth: Int,
                compression: String, hasAlphaChannel: Bool, byteCount: Int) {
        self.format = format
        self.width = width
        self.height = height
        self.orientation = .identity
        self.exifOrientationValue = nil
        self.colorType = colorType
        self.bitDepth = bitDepth
        self.compression = compression
        self.hasAlphaChannel = hasAlphaChannel
        self.iccProfile = nil
        self.iccDescription = nil
        self.iccColourSpace = nil
        self.iccIsSRGB = nil
        self.hasEXIF = false
        self.hasGPS = false
        self.hasXMP = false
        self.hasC2PA = false
        self.isAnimated = false
        self.frameCount = 1
        self.byteCount = byteCount
    }
}
