import Foundation

/// A multipart/form-data body taken apart, to check what a client sent.
struct ParsedPart: Equatable {
    var name: String
    var filename: String?
    var contentType: String?
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The parts of `body` split at `boundary` (from the request's Content-Type).
    static func parse(_ body: [UInt8], contentType: String?) -> [ParsedPart]? {
        guard let contentType, let range = contentType.range(of: "boundary=") else { return nil }
        let boundary = Array(("--" + contentType[range.upperBound...]).utf8)
        var parts: [ParsedPart] = []
        var positions: [Int] = []
        var i = 0
        while i + boundary.count <= body.count {
            if body[i] == boundary[0] && Array(body[i..<(i + boundary.count)]) == boundary { positions.append(i); i += boundary.count } else { i += 1 }
        }
        for (a, b) in zip(positions, positions.dropFirst()) {
            let chunk = Array(body[(a + boundary.count + 2)..<(b - 2)])   // after CRLF, before CRLF
            guard let split = (0..<(chunk.count - 3)).first(where: { chunk[$0] == 13 && chunk[$0 + 1] == 10 && chunk[$0 + 2] == 13 && chunk[$0 + 3] == 10 }) else { return nil }
            let head = String(decoding: chunk[..<split], as: UTF8.self).components(separatedBy: "\r\n")
            var part = ParsedPart(name: "", filename: nil, contentType: nil, body: Array(chunk[(split + 4)...]))
            for line in head {
                if line.hasPrefix("Content-Disposition:") {
                    part.name = value(of: "name", in: line) ?? ""
                    part.filename = value(of: "filename", in: line)
                } else if line.hasPrefix("Content-Type:") {
                    part.contentType = String(line.dropFirst("Content-Type:".count)).trimmingCharacters(in: .whitespaces)
                }
            }
            parts.append(part)
        }
        return parts
    }

    static func value(of key: String, in line: String) -> String? {
        guard let range = line.range(of: "; \(key)=\"") else { return nil }
        let rest = line[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
