/// One part of a `multipart/form-data` body.
public enum MultipartPart: Sendable, Hashable {
    /// A text field: `Content-Disposition: form-data; name="…"` and the bare value.
    case text(name: String, value: String)
    /// A file: name, filename and content type, then the bytes.
    case file(name: String, filename: String, contentType: String, bytes: [UInt8])

    public var name: String {
        switch self {
        case .text(let name, _), .file(let name, _, _, _): name
        }
    }
}
