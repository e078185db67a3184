public import ImageCore

/// A publishing channel's image format: a pixel size (and so a ratio) and notes. Encodes
/// as `retouch channels --json` lists it: `{id, width, height, ratio, notes}`.
public struct ChannelPreset: Sendable, Hashable, Encodable {
    public var id: String
    public var size: PixelSize
    public var notes: String
    /// The background the channel requires, when it requires one.
    public var background: RGB8?

    public init(id: String, width: Int, height: Int, notes: String, background: RGB8? = nil) {
        self.id = id
        self.size = PixelSize(width: width, height: height)
        self.notes = notes
        self.background = background
    }

    private enum Keys: String, CodingKey { case id, width, height, ratio, notes }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(id, forKey: .id)
        try c.encode(size.width, forKey: .width)
        try c.encode(size.height, forKey: .height)
        try c.encode(ratioText, forKey: .ratio)
        try c.encode(notes, forKey: .notes)
    }

    /// The ratio in lowest terms, e.g. "4:5".
    public var ratioText: String {
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let d = gcd(size.width, size.height)
        return "\(size.width / d):\(size.height / d)"
    }

    /// Every preset, in listing order: add a channel here.
    public static let all: [ChannelPreset] = [
        ChannelPreset(id: "instagram-square", width: 1080, height: 1080, notes: "feed post, square"),
        ChannelPreset(id: "instagram-portrait", width: 1080, height: 1350, notes: "feed post, 4:5: the most screen space in the feed"),
        ChannelPreset(id: "instagram-landscape", width: 1080, height: 566, notes: "feed post, 1.91:1"),
        ChannelPreset(id: "instagram-story", width: 1080, height: 1920, notes: "stories and reels, 9:16; keep text out of the top and bottom 250 px"),
        ChannelPreset(id: "youtube-thumbnail", width: 1280, height: 720, notes: "16:9, under 2 MB"),
        ChannelPreset(id: "og-image", width: 1200, height: 630, notes: "Open Graph link preview"),
        ChannelPreset(id: "x-card", width: 1200, height: 600, notes: "X (Twitter) summary card with large image, 2:1"),
        ChannelPreset(id: "linkedin-post", width: 1200, height: 627, notes: "shared link or image post"),
        ChannelPreset(id: "pinterest-pin", width: 1000, height: 1500, notes: "standard pin, 2:3"),
        ChannelPreset(id: "amazon-main", width: 2000, height: 2000, notes: "main product image: pure white background, product fills at least 85 % of the frame", background: .white),
        ChannelPreset(id: "shopify-product", width: 2048, height: 2048, notes: "product image, square"),
        ChannelPreset(id: "blog-hero", width: 1920, height: 1080, notes: "full-width header, 16:9"),
    ]

    /// The preset with `id`, or nil.
    public static func named(_ id: String) -> ChannelPreset? { all.first { $0.id == id } }
}
