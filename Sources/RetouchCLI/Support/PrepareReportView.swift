import EditProviders
import ImageCodecs
import ImageCore

/// `retouch prepare`'s report, as JSON (documented shape) or text.
struct PrepareReportView {
    var report: PrepareReport
    var format: ImageFormat
    var bytes: Int
    var maskPath: String?

    /// `{input: {width, height, orientation}, crop: {x, y, width, height}, pad: {left, top,
    /// right, bottom}, scale, output: {width, height, format, bytes}, model: {id, valid,
    /// experimental, warnings}, gravity: {rule, retention}}`, then `decodeScale` and `mask`.
    var json: JSONValue {
        let r = report
        return .object([
            ("input", .object([("width", .int(r.uprightSize.width)), ("height", .int(r.uprightSize.height)), ("orientation", .int(r.orientation.rawValue))])),
            ("crop", r.crop.map { .object([("x", .int($0.x)), ("y", .int($0.y)), ("width", .int($0.width)), ("height", .int($0.height))]) } ?? .null),
            ("pad", r.pad.map { .object([("left", .int($0.left)), ("top", .int($0.top)), ("right", .int($0.right)), ("bottom", .int($0.bottom))]) } ?? .null),
            ("scale", .double((r.scale * 1_000_000).rounded() / 1_000_000)),
            ("output", .object([("width", .int(r.outputSize.width)), ("height", .int(r.outputSize.height)), ("format", .string(format.rawValue)), ("bytes", .int(bytes))])),
            ("model", .object([("id", r.modelID.map(JSONValue.string) ?? .null), ("valid", .bool(r.modelValid)),
                               ("experimental", .bool(r.experimental)), ("warnings", .array(r.warnings.map(JSONValue.string)))])),
            ("gravity", .object([("rule", .string(r.gravity.description)), ("retention", .double((r.retention * 10_000).rounded() / 10_000))])),
            ("decodeScale", .string("1/\(r.decodeScaleDenominator)")),
            ("mask", maskPath.map(JSONValue.string) ?? .null),
        ])
    }

    func text(input: String, output: String) -> [String] {
        let r = report
        var lines = ["\(input) → \(output)"]
        lines.append("  input    \(r.uprightSize) upright (orientation \(r.orientation.rawValue))\(r.decodeScaleDenominator > 1 ? ", decoded at 1/\(r.decodeScaleDenominator)" : "")")
        if let crop = r.crop { lines.append("  crop     \(crop.width)×\(crop.height) at \(crop.x),\(crop.y) (gravity \(r.gravity), kept \(Int((r.retention * 100).rounded())) %)") }
        if let pad = r.pad { lines.append("  pad      left \(pad.left), top \(pad.top), right \(pad.right), bottom \(pad.bottom)") }
        lines.append("  output   \(r.outputSize) \(format), \(bytes) bytes, scale \((r.scale * 10_000).rounded() / 10_000)")
        if let id = r.modelID { lines.append("  model    \(id): \(r.modelValid ? "valid" : "INVALID")\(r.experimental ? ", experimental size" : "")") }
        if let maskPath { lines.append("  mask     \(maskPath)") }
        return lines
    }
}
