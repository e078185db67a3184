public import ImageCore

/// How to decode: limits, leniency, animation and JPEG shrink-on-load.
public struct DecodingOptions: Sendable, Hashable {
    /// What to do with an animated image.
    public enum Animation: Sendable, Hashable {
        /// Throw `CodecError.unsupported` naming the frame count.
        case reject
        /// Decode the first frame, composited on the canvas.
        case firstFrame
    }

    public var limits: DecodingLimits
    /// Accept a truncated or incomplete JPEG: libjpeg fills the missing part with grey
    /// and the decode returns a warning instead of throwing. Default false.
    public var lenient: Bool
    public var animation: Animation
    /// JPEG only: decode at 1/1, 1/2, 1/4 or 1/8 scale through libjpeg's DCT scaling
    /// (rounded up). Other formats ignore it. Default 1.
    public var jpegScaleDenominator: Int
    /// JPEG only: decode just this rectangle, in stored-orientation pixels at the DCT
    /// scale; the result is the rectangle's size. With libjpeg-turbo the rows above it
    /// skip the IDCT and only the iMCU columns covering it are decoded. nil (the
    /// default) decodes the whole image. Other formats ignore it.
    /// A rectangle outside the image throws `CodecError.invalidParameter`.
    public var jpegRegion: PixelRect?
    /// PNG only: an opaque 8-bit greyscale file decodes to `.gray8` instead of `.rgba8`
    /// (a quarter of the memory; masks and mattes). Default false: every format gives RGBA8.
    public var keepGray: Bool
    /// PNG and JPEG: an opaque colour image (PNG colour type 2, 8-bit, no tRNS; a
    /// YCbCr, RGB or greyscale JPEG) decodes to `.rgb8` instead of `.rgba8` (three
    /// quarters of the memory; metrics that never read alpha). CMYK JPEGs, other PNGs
    /// and WebP still give RGBA8; with `keepGray`, a grey PNG still gives gray8. Default false.
    public var keepRGB: Bool
    /// What to do with an embedded ICC profile. Default `.convertToSRGB`.
    public var colour: ColourHandling

    public init(
        limits: DecodingLimits = .default, lenient: Bool = false,
        animation: Animation = .reject, jpegScaleDenominator: Int = 1, jpegRegion: PixelRect? = nil, keepGray: Bool = false,
        keepRGB: Bool = false, colour: ColourHandling = .convertToSRGB
    ) {
        self.limits = limits
        self.lenient = lenient
        self.animation = animation
        self.jpegScaleDenominator = jpegScaleDenominator
        self.jpegRegion = jpegRegion
        self.keepGray = keepGray
        self.keepRGB = keepRGB
        self.colour = colour
    }

    public static let `default` = DecodingOptions()
}
