public import ImageCore

/// The output size asked of the provider.
public enum EditSize: Sendable, Hashable, CustomStringConvertible {
    /// The provider chooses (`size=auto`).
    case auto
    /// Exactly this size; it must satisfy the model's size rules.
    case exact(PixelSize)

    /// The wire form: `auto` or `WIDTHxHEIGHT`.
    public var description: String {
        switch self {
        case .auto: "auto"
        case .exact(let size): "\(size.width)x\(size.height)"
        }
    }
}
