/// A coordinate or length of a mask shape: pixels, or a percentage of an image edge.
public enum ShapeLength: Sendable, Hashable, CustomStringConvertible {
    case pixels(Double)
    /// Percent of the reference edge (the width for x and horizontal lengths, the height
    /// for y and vertical ones, the shorter edge for radii and stroke widths).
    case percent(Double)

    /// Parses `12`, `12.5`, `-3` or `25%`.
    public init?(_ text: some StringProtocol) {
        let trimmed = text.trimmingSpaces
        if trimmed.hasSuffix("%") {
            guard let value = Double(trimmed.dropLast()), value.isFinite else { return nil }
            self = .percent(value)
        } else {
            guard let value = Double(trimmed), value.isFinite else { return nil }
            self = .pixels(value)
        }
    }

    /// The length in pixels against a reference edge of `edge` pixels.
    public func resolved(against edge: Int) -> Double {
        switch self {
        case .pixels(let value): value
        case .percent(let value): value / 100 * Double(edge)
        }
    }

    public var description: String {
        switch self {
        case .pixels(let value): Self.format(value)
        case .percent(let value): Self.format(value) + "%"
        }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces.
    fileprivate var trimmingSpaces: Substring {
        let text = Substring(self)
        guard let first = text.firstIndex(where: { $0 != " " }), let last = text.lastIndex(where: { $0 != " " }) else { return "" }
        return text[first...last]
    }
}
