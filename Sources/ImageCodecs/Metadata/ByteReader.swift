/// Bounds-checked big- and little-endian reads from a byte array; out-of-range reads
/// return nil, so parsers of untrusted metadata never trap.
struct ByteReader {
    let bytes: ArraySlice<UInt8>
    var bigEndian: Bool

    init(_ bytes: ArraySlice<UInt8>, bigEndian: Bool = true) {
        // Rebase so offsets are relative to the slice start.
        self.bytes = ArraySlice(bytes)
        self.bigEndian = bigEndian
    }

    var count: Int { bytes.count }

    func uint8(at offset: Int) -> UInt8? {
        guard offset >= 0, offset < bytes.count else { return nil }
        return bytes[bytes.startIndex + offset]
    }

    func uint16(at offset: Int) -> UInt16? {
        guard let a = uint8(at: offset), let b = uint8(at: offset + 1) else { return nil }
        return bigEndian ? UInt16(a) << 8 | UInt16(b) : UInt16(b) << 8 | UInt16(a)
    }

    func uint32(at offset: Int) -> UInt32? {
        guard let a = uint16(at: offset), let b = uint16(at: offset + 2) else { return nil }
        return bigEndian ? UInt32(a) << 16 | UInt32(b) : UInt32(b) << 16 | UInt32(a)
    }

    func slice(_ offset: Int, _ length: Int) -> ArraySlice<UInt8>? {
        guard offset >= 0, length >= 0, offset <= bytes.count, length <= bytes.count - offset else { return nil }
        let start = bytes.startIndex + offset
        return bytes[start..<start + length]
    }

    func hasPrefix(_ text: String, at offset: Int = 0) -> Bool {
        let expected = Array(text.utf8)
        guard let found = slice(offset, expected.count) else { return false }
        return found.elementsEqual(expected)
    }
}

extension Collection where Element == UInt8 {
    /// Whether the bytes contain `needle` (a short ASCII marker) anywhere.
    func containsASCII(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, count >= pattern.count else { return false }
        let bytes = Array(self)
        var i = 0
        while i <= bytes.count - pattern.count {
            if bytes[i] == pattern[0] && bytes[i..<i + pattern.count].elementsEqual(pattern) { return true }
            i += 1
        }
        return false
    }
}
