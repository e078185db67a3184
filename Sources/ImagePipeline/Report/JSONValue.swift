/// A JSON value whose objects keep their key order, so `--json` output has a stable,
/// documented shape.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }

    /// Compact JSON text, or pretty-printed with two-space indentation.
    public func rendered(pretty: Bool = false, indent: String = "") -> String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .double(let value): return value.isFinite ? String(value) : "null"
        case .string(let value): return Self.quoted(value)
        case .array(let values):
            if values.isEmpty { return "[]" }
            let inner = indent + "  "
            let items = values.map { (pretty ? inner : "") + $0.rendered(pretty: pretty, indent: inner) }
            return pretty ? "[\n" + items.joined(separator: ",\n") + "\n" + indent + "]" : "[" + items.joined(separator: ",") + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            let inner = indent + "  "
            let items = members.map { key, value in
                (pretty ? inner : "") + Self.quoted(key) + (pretty ? ": " : ":") + value.rendered(pretty: pretty, indent: inner)
            }
            return pretty ? "{\n" + items.joined(separator: ",\n") + "\n" + indent + "}" : "{" + items.joined(separator: ",") + "}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let s where s.value < 0x20:
                let hex = String(s.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
