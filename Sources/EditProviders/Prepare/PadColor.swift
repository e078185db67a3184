public import ImageCore

/// What fills added borders.
public enum PadColor: Sendable, Hashable {
    /// The median colour of the image's outermost ring of pixels.
    case auto
    case color(RGB8)
    case transparent

    /// Parses `auto`, `transparent` or `#RRGGBB`.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "auto": self = .auto
        case "transparent": self = .transparent
        default:
            guard let colour = RGB8(hex: argument) else { return nil }
            self = .color(colour)
        }
    }
}
