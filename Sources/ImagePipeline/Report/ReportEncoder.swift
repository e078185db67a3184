/// Turns an `Encodable` report into a `JSONValue` without Foundation (its JSONEncoder
/// pulls ICU onto the CLI's start-up path and sorts no keys the way we document them).
///
/// Conventions: keys come out in the order the report encodes them (declaration order for
/// synthesized conformances); an optional that is nil is written as `null`, not left out
/// (a report that omits a key does so in its own `encode(to:)`); non-finite doubles are
/// written as `null`.
public enum ReportEncoder {
    /// The report as a JSON value.
    public static func value(_ report: some Encodable) -> JSONValue {
        let root = Node()
        // Our encoders never throw; a report's own encode(to:) could, which is a bug.
        do { try report.encode(to: NodeEncoder(node: root, codingPath: [])) } catch {
            preconditionFailure("report \(type(of: report)) failed to encode: \(error)")
        }
        return root.resolved
    }

    /// The report as JSON text, pretty-printed with two-space indentation by default.
    public static func text(_ report: some Encodable, pretty: Bool = true) -> String {
        value(report).rendered(pretty: pretty)
    }
}

/// One value under construction: a leaf, an object (ordered members) or an array.
private final class Node {
    var leaf: JSONValue?
    var members: [(String, Node)]?
    var items: [Node]?

    var resolved: JSONValue {
        if let members { return .object(members.map { ($0.0, $0.1.resolved) }) }
        if let items { return .array(items.map(\.resolved)) }
        return leaf ?? .null
    }
}

private struct NodeEncoder: Encoder {
    let node: Node
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if node.members == nil { node.members = [] }
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if node.items == nil { node.items = [] }
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(node: node, codingPath: codingPath)
    }
}

/// The leaf for a primitive, or nil when `value` needs its own encoding.
private func primitive(_ value: Any) -> JSONValue? {
    switch value {
    case let v as Bool: .bool(v)
    case let v as String: .string(v)
    case let v as Double: .double(v)
    case let v as Float: .double(Double(v))
    case let v as Int: .int(v)
    case let v as Int64: .int(Int(v))
    case let v as Int32: .int(Int(v))
    case let v as UInt8: .int(Int(v))
    case let v as UInt16: .int(Int(v))
    case let v as UInt32: .int(Int(v))
    default: nil
    }
}

private func encoded(_ value: some Encodable, codingPath: [any CodingKey]) throws -> Node {
    let child = Node()
    if let leaf = primitive(value) {
        child.leaf = leaf
    } else {
        try value.encode(to: NodeEncoder(node: child, codingPath: codingPath))
    }
    return child
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    let codingPath: [any CodingKey]

    private func append(_ key: Key, _ child: Node) { node.members!.append((key.stringValue, child)) }
    private func leaf(_ value: JSONValue) -> Node { let n = Node(); n.leaf = value; return n }

    mutating func encodeNil(forKey key: Key) throws { append(key, leaf(.null)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { append(key, leaf(.bool(value))) }
    mutating func encode(_ value: String, forKey key: Key) throws { append(key, leaf(.string(value))) }
    mutating func encode(_ value: Double, forKey key: Key) throws { append(key, leaf(.double(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { append(key, leaf(.int(value))) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        append(key, try encoded(value, codingPath: codingPath + [key]))
    }

    // nil optionals are written as null (the documented report shapes keep every key).
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try value.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try value.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try value.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try value.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        try value.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = Node()
        append(key, child)
        return NodeEncoder(node: child, codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = Node()
        append(key, child)
        return NodeEncoder(node: child, codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = Node()
        append(key, child)
        return NodeEncoder(node: child, codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: Node
    let codingPath: [any CodingKey]
    var count: Int { node.items!.count }

    mutating func encodeNil() throws { let n = Node(); n.leaf = .null; node.items!.append(n) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        node.items!.append(try encoded(value, codingPath: codingPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = Node()
        node.items!.append(child)
        return NodeEncoder(node: child, codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = Node()
        node.items!.append(child)
        return NodeEncoder(node: child, codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let child = Node()
        node.items!.append(child)
        return NodeEncoder(node: child, codingPath: codingPath)
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let node: Node
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.leaf = .null }
    mutating func encode(_ value: Bool) throws { node.leaf = .bool(value) }
    mutating func encode(_ value: String) throws { node.leaf = .string(value) }
    mutating func encode(_ value: Double) throws { node.leaf = .double(value) }
    mutating func encode(_ value: Float) throws { node.leaf = .double(Double(value)) }
    mutating func encode(_ value: Int) throws { node.leaf = .int(value) }
    mutating func encode(_ value: Int8) throws { node.leaf = .int(Int(value)) }
    mutating func encode(_ value: Int16) throws { node.leaf = .int(Int(value)) }
    mutating func encode(_ value: Int32) throws { node.leaf = .int(Int(value)) }
    mutating func encode(_ value: Int64) throws { node.leaf = .int(Int(value)) }
    mutating func encode(_ value: UInt) throws { node.leaf = .int(Int(value)) }
    mutating func encode(_ value: UInt8) throws { node.leaf = .int(Int(value)) }
    mutating func encode(_ value: UInt16) throws { node.leaf = .int(Int(value)) }
    mutating func encode(_ value: UInt32) throws { node.leaf = .int(Int(value)) }
    mutating func encode(_ value: UInt64) throws { node.leaf = .int(Int(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        if let leaf = primitive(value) {
            node.leaf = leaf
        } else {
            try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
        }
    }
}
