/// The encoded format of the provider's output image (`output_format`).
public enum EditFormat: String, Sendable, Hashable, CaseIterable {
    case png, jpeg, webp

    /// The MIME type of files in this format.
    public var mimeType: String { "image/" + rawValue }
}
