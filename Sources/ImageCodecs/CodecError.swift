public import ImageCore

/// Why bytes could not be decoded or pixels could not be encoded.
///
/// Cases carry what a user needs to act: the format, the library's own message, the
/// limit and the image's size. The file name is added by the caller, which knows it.
public enum CodecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not PNG, JPEG or WebP; `looksLike` names what they seem to be
    /// ("GIF", "HEIC", "PDF", "HTML", "an empty file", …) when that is easy to tell.
    case unrecognizedFormat(looksLike: String?)
    /// The data is damaged or truncated; `message` is the library's explanation.
    case corrupt(ImageFormat, message: String)
    /// Valid data that this build cannot decode (12-bit JPEG, animation, …).
    case unsupported(ImageFormat, feature: String)
    /// A `DecodingLimits` value was exceeded; checked before pixels are allocated.
    case limitExceeded(DecodingLimits.Kind, limit: Int, actual: Int, imageSize: PixelSize?)
    /// The encoder failed; `message` is the library's explanation.
    case encodingFailed(ImageFormat, message: String)
    /// An encoding or decoding parameter is outside its range.
    case invalidParameter(name: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .unrecognizedFormat(let looksLike):
            if let looksLike { return "not a PNG, JPEG or WebP image (looks like \(looksLike))" }
            return "not a PNG, JPEG or WebP image (unrecognised content)"
        case .corrupt(let format, let message):
            return "corrupt \(format.rawValue.uppercased()) data: \(message)"
        case .unsupported(let format, let feature):
            return "unsupported \(format.rawValue.uppercased()) feature: \(feature)"
        case .limitExceeded(let kind, let limit, let actual, let imageSize):
            let sizeText = imageSize.map { " (image is \($0))" } ?? ""
            switch kind {
            case .pixels:
                return "image has \(actual) pixels, more than the limit of \(limit)\(sizeText)"
            case .inputBytes:
                return "input is \(actual) bytes, more than the limit of \(limit) bytes"
            case .dimension:
                return "image edge of \(actual) pixels exceeds the limit of \(limit)\(sizeText)"
            }
        case .encodingFailed(let format, let message):
            return "\(format.rawValue.uppercased()) encoding failed: \(message)"
        case .invalidParameter(let name, let value, let expected):
            return "invalid \(name) \(value): expected \(expected)"
        }
    }
}
