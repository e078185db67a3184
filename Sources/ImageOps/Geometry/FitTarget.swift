public import ImageCore

/// How big the fitted output should be.
public enum FitTarget: Sendable, Hashable {
    /// A resolution tier: `1k` = long edge 1024, `2k` = 2048, `4k` = 3840.
    case tier(Int)
    /// A long edge in pixels.
    case longEdge(Int)
    /// Exactly this size (validated, never changed).
    case exact(PixelSize)

    /// Parses `1k`, `2k`, `4k`.
    public init?(tier text: String) {
        switch text.lowercased() {
        case "1k": self = .tier(1024)
        case "2k": self = .tier(2048)
        case "4k": self = .tier(3840)
        default: return nil
        }
    }
}
