import Foundation
import ImageCodecs

/// One line of a `retouch batch` jobs file: a JSON object with `op` (`edit`, `prepare`,
/// `cutout`, `diff`, `export`), an optional `id` (what a re-run recognises it by; default
/// the line's text) and the operation's fields (paths relative to the jobs file's folder):
///
/// - edit: `image`, `prompt`, `output`; `mask`, `keep` (array), `provider`, `model`,
///   `quality`, `size` (WxH, auto, 1k, 2k, 4k)
/// - prepare: `input`, `output`; `for` (a model), `channel`
/// - cutout: `input`, `output`
/// - diff: `a`, `b`; `mask`, `heatmap`
/// - export: `version` (v3) or `input`, `output`; `channel`, `maxBytes`
public struct BatchJob: Sendable {
    public enum Operation: String, Sendable, CaseIterable {
        case edit, prepare, cutout, diff, export
    }

    /// The line (1-based) and what identifies the job across runs.
    public var line: Int
    public var key: String
    public var operation: Operation
    /// The string fields, paths already resolved; `keep` joined by commas.
    public var fields: [String: String]

    public func field(_ name: String) -> String? { fields[name] }

    /// The jobs of a JSONL file (blank lines and lines starting with `#` skipped).
    ///
    /// - Throws: `FileAccessError`; `HistoryError.invalidJob` naming the line and what is
    ///   wrong (not JSON, unknown `op`, a missing field, a duplicate `id`).
    public static func load(_ path: String) throws -> [BatchJob] {
        try parse(FileAccess.read(path), path: path)
    }

    /// The jobs of a JSONL file's bytes; `path` names the file in errors and relative paths
    /// are resolved against its folder.
    ///
    /// - Throws: `HistoryError.invalidJob`.
    public static func parse(_ bytes: [UInt8], path: String) throws -> [BatchJob] {
        let text = String(decoding: bytes, as: UTF8.self)
        let folder = FilePath.directory(of: path)
        var jobs: [BatchJob] = []
        var seen: Set<String> = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let number = index + 1
            func invalid(_ reason: String) -> HistoryError { .invalidJob(file: path, line: number, reason: reason) }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                throw invalid("not a JSON object")
            }
            guard let opText = object["op"] as? String, let operation = Operation(rawValue: opText) else {
                throw invalid("\"op\" must be one of \(Operation.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var fields: [String: String] = [:]
            for (name, value) in object where name != "op" && name != "id" {
                switch value {
                case let text as String: fields[name] = text
                case let number as NSNumber: fields[name] = number.stringValue
                case let list as [String]: fields[name] = list.joined(separator: ",")
                default: throw invalid("\"\(name)\" must be a string, a number or an array of strings")
                }
            }
            for name in ["image", "mask", "output", "input", "a", "b", "heatmap"] {
                if let relative = fields[name], !relative.hasPrefix("/") { fields[name] = folder == "." ? relative : folder + "/" + relative }
            }
            let required: [String] = switch operation {
            case .edit: ["image", "prompt", "output"]
            case .prepare, .cutout: ["input", "output"]
            case .diff: ["a", "b"]
            case .export: ["output"]
            }
            for name in required where fields[name] == nil { throw invalid("\(operation.rawValue) needs \"\(name)\"") }
            if operation == .export && (fields["version"] == nil) == (fields["input"] == nil) { throw invalid("export needs \"version\" or \"input\"") }
            let key = (object["id"] as? String) ?? (object["id"] as? NSNumber)?.stringValue ?? "sha256:" + SHA256.hex(Array(line.utf8))
            // An empty id would name no job: every re-run would take it for another's.
            guard !key.trimmingCharacters(in: .whitespaces).isEmpty else { throw invalid("\"id\" must not be empty") }
            guard seen.insert(key).inserted else { throw invalid("id \(key) is used twice") }
            jobs.append(BatchJob(line: number, key: key, operation: operation, fields: fields))
        }
        return jobs
    }
}
