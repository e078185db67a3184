/// Which format to encode to, with its settings.
public enum EncodingOptions: Sendable, Hashable {
    case png(PNGEncodingOptions)
    case jpeg(JPEGEncodingOptions)
    case webp(WebPEncodingOptions)

    /// The format these options encode.
    public var format: ImageFormat {
        switch self {
        case .png: .png
        case .jpeg: .jpeg
        case .webp: .webp
        }
    }

    /// Default settings for `format`.
    public static func `default`(for format: ImageFormat) -> EncodingOptions {
        switch format {
        case .png: .png(.default)
        case .jpeg: .jpeg(.default)
        case .webp: .webp(.default)
        }
    }

    /// The same settings with `profile` embedded (nil: none).
    public func embedding(iccProfile profile: [UInt8]?) -> EncodingOptions {
        switch self {
        case .png(var o): o.iccProfile = profile; return .png(o)
        case .jpeg(var o): o.iccProfile = profile; return .jpeg(o)
        case .webp(var o): o.iccProfile = profile; return .webp(o)
        }
    }

    /// The lossy quality (JPEG, lossy WebP); nil for PNG and lossless WebP.
    public var quality: Int? {
        switch self {
        case .png: nil
        case .jpeg(let o): o.quality
        case .webp(let o): o.lossless ? nil : o.quality
        }
    }

    /// The same settings at lossy quality `quality` (nil, or a format without one: as is).
    public func withQuality(_ quality: Int?) -> EncodingOptions {
        guard let quality else { return self }
        switch self {
        case .png: return self
        case .jpeg(var o): o.quality = quality; return .jpeg(o)
        case .webp(var o): guard !o.lossless else { return self }; o.quality = quality; return .webp(o)
        }
    }
}
