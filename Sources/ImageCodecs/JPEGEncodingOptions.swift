public import ImageCore

/// JPEG encoder settings. Metadata is stripped unless `iccProfile` is set.
public struct JPEGEncodingOptions: Sendable, Hashable {
    /// Chroma subsampling.
    public enum Chroma: String, Sendable, Hashable {
        /// 4:2:0 (half resolution chroma both ways): the default, smallest files.
        case yuv420
        /// 4:4:4 (full resolution chroma): sharper colour edges, larger files.
        case yuv444
    }

    /// libjpeg quality, 1…100. Default 90.
    public var quality: Int
    public var chroma: Chroma
    /// Write a progressive JPEG. Default false.
    public var progressive: Bool
    /// Non-opaque pixels are composited over this colour (JPEG has no alpha). Default white.
    public var background: RGB8
    /// An ICC profile to embed (APP2), or nil to write none.
    public var iccProfile: [UInt8]?

    public init(quality: Int = 90, chroma: Chroma = .yuv420, progressive: Bool = false,
                background: RGB8 = .white, iccProfile: [UInt8]? = nil) {
        self.quality = quality
        self.chroma = chroma
        self.progressive = progressive
        self.background = background
        self.iccProfile = iccProfile
    }

    public static let `default` = JPEGEncodingOptions()
}
