/// WebP encoder settings. Alpha is always kept. Metadata is stripped unless
/// `iccProfile` is set.
public struct WebPEncodingOptions: Sendable, Hashable {
    /// Lossy quality 0…100, or for lossless the compression effort 0…100. Default 90.
    public var quality: Int
    /// Lossless (VP8L), keeping RGB under fully transparent pixels. Default false.
    public var lossless: Bool
    /// Speed/size trade-off, 0 (fastest) … 6 (smallest). Default 4.
    public var method: Int
    /// An ICC profile to embed (ICCP chunk), or nil to write none.
    public var iccProfile: [UInt8]?

    public init(quality: Int = 90, lossless: Bool = false, method: Int = 4, iccProfile: [UInt8]? = nil) {
        self.quality = quality
        self.lossless = lossless
        self.method = method
        self.iccProfile = iccProfile
    }

    public static let `default` = WebPEncodingOptions()
}
