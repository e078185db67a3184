#if canImport(FoundationEssentials)
import FoundationEssentials   // JSONDecoder without ICU
#else
import Foundation
#endif
import ImageCodecs
public import ImageOps

/// A JSON shapes file: an array of shapes, or an object with a "shapes" array (the
/// README's "Shapes file").
public enum ShapesFile {
    /// The shapes in `path`, in file order.
    ///
    /// - Throws: `FileAccessError`, or `FileError` naming `path` with
    ///   `PipelineError.invalidShapesFile` (what is wrong and where).
    public static func read(_ path: String) throws -> [MaskShape] {
        try parse(FileAccess.read(path), path: path)
    }

    /// The shapes in a shapes file's bytes; `path` names the file in errors.
    ///
    /// - Throws: `FileError` naming `path` with `PipelineError.invalidShapesFile`.
    public static func parse(_ bytes: [UInt8], path: String) throws -> [MaskShape] {
        struct Wrapped: Decodable { let shapes: [MaskShape] }
        let decoder = JSONDecoder()
        do {
            if bytes.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) == UInt8(ascii: "[") {
                return try decoder.decode([MaskShape].self, from: Data(bytes))
            }
            return try decoder.decode(Wrapped.self, from: Data(bytes)).shapes
        } catch let error as DecodingError {
            throw FileError(path: path, underlying: PipelineError.invalidShapesFile(detail: describe(error)))
        }
    }

    /// One line for a JSON decoding error: what and where.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            return keys.isEmpty ? "" : " at \(keys)"
        }
        switch error {
        case .dataCorrupted(let c): return c.debugDescription + path(c)
        case .keyNotFound(let key, let c): return "missing \"\(key.stringValue)\"" + path(c)
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return c.debugDescription + path(c)
        @unknown default: return "\(error)"
        }
    }
}
