public import ArgumentParser
public import ImageCodecs

extension ImageFormat: ExpressibleByArgument {
    /// Accepts `png`, `jpeg`, `jpg` and `webp`, case-insensitively.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "png": self = .png
        case "jpeg", "jpg": self = .jpeg
        case "webp": self = .webp
        default: return nil
        }
    }

    public static var allValueStrings: [String] { ["png", "jpeg", "webp"] }
}
