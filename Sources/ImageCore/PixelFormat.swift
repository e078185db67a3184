/// How the bytes of one pixel are laid out: channel layout, alpha mode and depth.
///
/// Codecs hand out `.rgba8` (straight alpha). Operations that need premultiplied
/// alpha convert internally and say so; callers never have to remember.
public struct PixelFormat: Sendable, Hashable, CustomStringConvertible {
    /// The channels of one pixel, in memory order.
    public enum ChannelLayout: Sendable, Hashable {
        case gray, grayAlpha, rgb, rgba

        /// Channels per pixel (1…4).
        public var channelCount: Int {
            switch self {
            case .gray: 1
            case .grayAlpha: 2
            case .rgb: 3
            case .rgba: 4
            }
        }

        /// Whether the last channel is alpha.
        public var hasAlpha: Bool { self == .grayAlpha || self == .rgba }
    }

    /// What the colour channels mean relative to alpha.
    public enum AlphaMode: Sendable, Hashable {
        /// No alpha channel.
        case none
        /// Colour is independent of alpha (PNG, WebP, the codecs' output).
        case straight
        /// Colour is already multiplied by alpha/255.
        case premultiplied
    }

    /// Bits per channel. Only 8-bit exists in v1; the enum leaves room for 16-bit.
    public enum Depth: Sendable, Hashable {
        case uint8

        /// Bytes per channel.
        public var byteCount: Int { 1 }
    }

    public var layout: ChannelLayout
    public var alpha: AlphaMode
    public var depth: Depth

    /// Creates a format; `alpha` must be `.none` exactly when `layout` has no alpha.
    public init(layout: ChannelLayout, alpha: AlphaMode, depth: Depth = .uint8) {
        precondition(layout.hasAlpha == (alpha != .none), "alpha mode \(alpha) does not fit layout \(layout)")
        self.layout = layout
        self.alpha = alpha
        self.depth = depth
    }

    /// RGBA, 8 bits, straight alpha: what every decoder returns.
    public static let rgba8 = PixelFormat(layout: .rgba, alpha: .straight)
    /// RGBA, 8 bits, premultiplied alpha.
    public static let rgba8Premultiplied = PixelFormat(layout: .rgba, alpha: .premultiplied)
    /// RGB, 8 bits, no alpha.
    public static let rgb8 = PixelFormat(layout: .rgb, alpha: .none)
    /// Grey, 8 bits, no alpha.
    public static let gray8 = PixelFormat(layout: .gray, alpha: .none)
    /// Grey + alpha, 8 bits, straight alpha.
    public static let grayAlpha8 = PixelFormat(layout: .grayAlpha, alpha: .straight)

    /// Bytes per pixel (1…4 in v1).
    public var bytesPerPixel: Int { layout.channelCount * depth.byteCount }

    public var description: String {
        let name: String
        switch layout {
        case .gray: name = "gray8"
        case .grayAlpha: name = "grayAlpha8"
        case .rgb: name = "rgb8"
        case .rgba: name = "rgba8"
        }
        return alpha == .premultiplied ? name + " (premultiplied)" : name
    }
}
