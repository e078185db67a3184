/// Encodes parts as a `multipart/form-data` body (RFC 7578) with CRLF line ends.
public struct MultipartBody: Sendable {
    /// The boundary: 32 hex characters, as the official SDK uses.
    public var boundary: String
    public var parts: [MultipartPart]

    public init(parts: [MultipartPart], boundary: String) {
        self.parts = parts
        self.boundary = boundary
    }

    /// A random 32-hex-character boundary.
    public static func randomBoundary<G: RandomNumberGenerator>(using generator: inout G) -> String {
        (0..<32).map { _ in String(Int.random(in: 0..<16, using: &generator), radix: 16) }.joined()
    }

    /// The `Content-Type` header value.
    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// The encoded body.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        func line(_ text: String) { out += Array(text.utf8) + [13, 10] }
        for part in parts {
            line("--\(boundary)")
            switch part {
            case .text(let name, let value):
                line("Content-Disposition: form-data; name=\"\(Self.escaped(name))\"")
                line("")
                line(value)
            case .file(let name, let filename, let contentType, let bytes):
                line("Content-Disposition: form-data; name=\"\(Self.escaped(name))\"; filename=\"\(Self.escaped(filename))\"")
                line("Content-Type: \(contentType)")
                line("")
                out += bytes
                out += [13, 10]
            }
        }
        line("--\(boundary)--")
        return out
    }

    /// Quotes and line breaks in a field name or filename, percent-encoded (RFC 7578 §2).
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "%22"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
