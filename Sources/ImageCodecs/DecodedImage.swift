public import ImageCore

/// Decoded pixels as stored (not yet oriented) plus what the file says about itself.
public struct DecodedImage: Sendable, Equatable {
    /// Straight-alpha RGBA8 pixels in stored orientation; at a JPEG DCT scale the size
    /// is the scaled one.
    public var pixels: PixelBuffer
    public var metadata: ImageMetadata
    /// Problems the decoder recovered from (e.g. libjpeg's "Premature end of JPEG file"
    /// in lenient mode), in the library's words.
    public var warnings: [String]
    /// Set when the pixels were converted from the embedded ICC profile to sRGB: what
    /// was converted ("Adobe RGB (1998) (RGB) → sRGB").
    public var colourConversion: String?

    public init(pixels: PixelBuffer, metadata: ImageMetadata, warnings: [String] = [], colourConversion: String? = nil) {
        self.pixels = pixels
        self.metadata = metadata
        self.warnings = warnings
        self.colourConversion = colourConversion
    }

    /// The pixels with the EXIF orientation applied (the same storage when upright already).
    public consuming func upright() -> PixelBuffer {
        pixels.oriented(metadata.orientation)
    }
}
