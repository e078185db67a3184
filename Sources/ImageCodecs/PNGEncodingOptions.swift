/// PNG encoder settings. Metadata is stripped unless `iccProfile` is set.
public struct PNGEncodingOptions: Sendable, Hashable {
    /// Row filters libpng may choose from.
    public enum Filter: String, Sendable, Hashable, CaseIterable {
        /// libpng's adaptive choice among all five filters (smallest files, slowest).
        case adaptive
        /// No filtering (fastest; good for flat masks).
        case none
        /// The "up" filter only (fast; about 17 % larger than adaptive on photos).
        case up
        /// The Paeth filter only.
        case paeth

        var libpngMask: Int32 {
            switch self {
            case .adaptive: 0
            case .none: 0x08   // PNG_FILTER_NONE
            case .up: 0x20     // PNG_FILTER_UP
            case .paeth: 0x80  // PNG_FILTER_PAETH
            }
        }
    }

    /// zlib level, 0 (store) … 9 (smallest). Default 6.
    public var compressionLevel: Int
    public var filter: Filter
    /// Write RGB when every pixel is opaque, and grey when every pixel has R = G = B
    /// (lossless either way). Default true.
    public var reduceChannels: Bool
    /// An ICC profile to embed (iCCP), or nil to write none.
    public var iccProfile: [UInt8]?

    public init(compressionLevel: Int = 6, filter: Filter = .adaptive, reduceChannels: Bool = true,
                iccProfile: [UInt8]? = nil) {
        self.compressionLevel = compressionLevel
        self.filter = filter
        self.reduceChannels = reduceChannels
        self.iccProfile = iccProfile
    }

    public static let `default` = PNGEncodingOptions()
}
