public import ImageCodecs
public import ImageCore
public import ImageOps

/// What `retouch export` makes of an image: the channel's frame, the format and its
/// quality, a byte limit, the colour profile and a background for transparency.
public struct ExportOptions: Sendable {
    /// Crop (by `gravity`) and resize to this channel's size; nil keeps the size.
    public var channel: ChannelPreset?
    public var gravity: Gravity
    /// The format and its starting quality (for JPEG and WebP the highest one tried under
    /// `maxBytes`).
    public var encoding: EncodingOptions
    /// The largest file allowed, in bytes: the quality is searched down to
    /// `minimumQuality` first, then the pixels are shrunk.
    public var maxBytes: Int?
    /// The lowest JPEG/WebP quality the byte search may use. Default 50.
    public var minimumQuality: Int
    /// Re-embed the input's ICC profile (otherwise none is written: the pixels are sRGB).
    public var keepICC: Bool
    /// Composite transparency onto this colour (default: the channel's required
    /// background, else keep alpha where the format holds it; JPEG uses white).
    public var background: RGB8?

    public init(channel: ChannelPreset? = nil, gravity: Gravity = .center, encoding: EncodingOptions, maxBytes: Int? = nil,
                minimumQuality: Int = 50, keepICC: Bool = false, background: RGB8? = nil) {
        self.channel = channel
        self.gravity = gravity
        self.encoding = encoding
        self.maxBytes = maxBytes
        self.minimumQuality = minimumQuality
        self.keepICC = keepICC
        self.background = background
    }
}
