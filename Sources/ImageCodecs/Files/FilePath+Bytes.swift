#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File names are bytes; Retouch's paths are Strings. A name that is not UTF-8 (Latin-1
/// "caf\xE9.png" from an old archive) is carried with each byte that is not part of valid
/// UTF-8 as the private-use scalar U+10FF00 + byte (U+10FF80…U+10FFFF), and turned back
/// into that byte at every system call and on the console, so such a file is found and
/// written under its own name. A valid name that itself contains U+10FF80…U+10FFFF has
/// those characters' bytes escaped the same way, so the mapping is exact both ways.
extension FilePath {
    /// The first of the 128 scalars that stand for raw bytes 0x80…0xFF.
    static let escapeBase: UInt32 = 0x10_FF00

    /// `bytes` (a file name or argument from the system) as a path: valid UTF-8 as it
    /// is, every other byte escaped.
    public static func string(fromBytes bytes: some Collection<UInt8>) -> String {
        let array = Array(bytes)
        if let text = String(validating: array, as: UTF8.self), !text.unicodeScalars.contains(where: isEscape) { return text }
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i < array.count {
            let decoded = decodeOne(array, at: i)
            if let (scalar, length) = decoded, !isEscape(scalar) {
                scalars.append(scalar)
                i += length
            } else {
                // Not UTF-8 (one byte), or an escape scalar's own four bytes.
                let length = decoded?.length ?? 1
                for byte in array[i..<(i + length)] { scalars.append(Unicode.Scalar(escapeBase + UInt32(byte))!) }
                i += length
            }
        }
        return String(scalars)
    }

    /// The bytes `path` stands for: UTF-8, with each escape scalar as its raw byte.
    public static func bytes(of path: String) -> [UInt8] {
        guard hasRawBytes(path) else { return Array(path.utf8) }
        var result: [UInt8] = []
        result.reserveCapacity(path.utf8.count)
        for scalar in path.unicodeScalars {
            if isEscape(scalar) { result.append(UInt8(scalar.value - escapeBase)) } else { UTF8.encode(scalar) { result.append($0) } }
        }
        return result
    }

    /// A C string from the system (`realpath`'s answer) as a path.
    static func string(fromCString pointer: UnsafePointer<CChar>) -> String {
        string(fromBytes: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)))
    }

    /// Whether `text` carries bytes that are not UTF-8 (escape scalars).
    public static func hasRawBytes(_ text: String) -> Bool {
        // Every escape scalar is encoded F4 8F BE/BF xx: no F4 byte, no escape.
        text.utf8.contains(0xF4) && text.unicodeScalars.contains(where: isEscape)
    }

    /// Calls `body` with `path`'s bytes as a NUL-terminated C string.
    static func withCString<R>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        guard hasRawBytes(path) else { return try path.withCString(body) }
        return try (bytes(of: path) + [0]).withUnsafeBytes { try body($0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
    }

    static func isEscape(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= escapeBase + 0x80 && scalar.value <= escapeBase + 0xFF }

    /// The scalar of the well-formed UTF-8 sequence at `i` and its length; nil when the
    /// bytes there are not one.
    private static func decodeOne(_ bytes: [UInt8], at i: Int) -> (Unicode.Scalar, length: Int)? {
        let lead = bytes[i]
        let length = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0
        guard length > 0, i + length <= bytes.count else { return nil }
        return String(validating: bytes[i..<(i + length)], as: UTF8.self).map { ($0.unicodeScalars.first!, length) }
    }
}
