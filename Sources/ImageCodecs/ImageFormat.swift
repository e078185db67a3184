/// The three formats Retouch reads and writes.
public enum ImageFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case png, jpeg, webp

    /// Lower-case name used in messages and JSON ("png", "jpeg", "webp").
    public var description: String { rawValue }

    /// The usual file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .png: "png"
        case .jpeg: "jpg"
        case .webp: "webp"
        }
    }

    /// The format an extension names (`png`, `jpg`, `jpeg`, `webp`; case-insensitive).
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "png": self = .png
        case "jpg", "jpeg", "jpe", "jfif": self = .jpeg
        case "webp": self = .webp
        default: return nil
        }
    }
}
