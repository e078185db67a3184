public import ImageCore

/// What `--size` asked for: left to the provider, an exact size, or a tier (long edge
/// 1024, 2048, 3840) that the fitter turns into a valid size near the source's ratio.
public enum EditSizeChoice: Sendable, Hashable {
    case auto
    case exact(PixelSize)
    case tier(Int)

    /// Parses `auto`, `1k`, `2k`, `4k` or `WIDTHxHEIGHT`.
    public init?(text: String) {
        switch text.lowercased() {
        case "auto": self = .auto
        case "1k": self = .tier(1024)
        case "2k": self = .tier(2048)
        case "4k": self = .tier(3840)
        default:
            let parts = text.lowercased().split { $0 == "x" || $0 == "×" }
            guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w >= 1, h >= 1 else { return nil }
            self = .exact(PixelSize(width: w, height: h))
        }
    }
}
