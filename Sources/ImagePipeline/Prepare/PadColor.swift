public import ImageCore

/// What fills added borders.
public enum PadColor: Sendable, Hashable {
    /// The median colour of the image's outermost ring of pixels.
    case auto
    case color(RGB8)
    case transparent

    /// Parses `auto`, `transparent` or `#RRGGBB`.
    public init?(text: String) {
        switch text.lowercased() {
        case "auto": self = .auto
        case "transparent": self = .transparent
        default:
            guard let colour = RGB8(hex: text) else { return nil }
            self = .color(colour)
        }
    }
}
