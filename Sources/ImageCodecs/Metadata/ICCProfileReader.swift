/// Reads the human-readable description of an ICC profile: the 'desc' tag, either ICC v2
/// `textDescriptionType` ('desc') or v4 `multiLocalizedUnicodeType` ('mluc').
enum ICCProfileReader {
    /// The description, trimmed, or nil when the profile has none or is malformed.
    static func description(of profile: [UInt8]) -> String? {
        let reader = ByteReader(profile[...])
        guard let tagCount = reader.uint32(at: 128), tagCount < 1000 else { return nil }
        for index in 0..<Int(tagCount) {
            let entry = 132 + index * 12
            guard reader.hasPrefix("desc", at: entry),
                  let offset = reader.uint32(at: entry + 4).map(Int.init),
                  let size = reader.uint32(at: entry + 8).map(Int.init),
                  let tag = reader.slice(offset, size) else { continue }
            return text(ofTag: ByteReader(tag))
        }
        return nil
    }

    private static func text(ofTag tag: ByteReader) -> String? {
        if tag.hasPrefix("desc") {
            guard let length = tag.uint32(at: 8).map(Int.init), length > 0,
                  let ascii = tag.slice(12, length) else { return nil }
            return clean(String(decoding: ascii.prefix { $0 != 0 }, as: UTF8.self))
        }
        if tag.hasPrefix("mluc") {
            guard let records = tag.uint32(at: 8), records > 0,
                  let recordSize = tag.uint32(at: 12).map(Int.init) else { return nil }
            // Prefer English; otherwise the first record.
            var chosen = 16
            for record in 0..<Int(min(records, 64)) {
                let start = 16 + record * recordSize
                if tag.hasPrefix("en", at: start) { chosen = start; break }
            }
            guard let length = tag.uint32(at: chosen + 4).map(Int.init),
                  let offset = tag.uint32(at: chosen + 8).map(Int.init),
                  let utf16 = tag.slice(offset, length) else { return nil }
            let units = stride(from: utf16.startIndex, to: utf16.endIndex - 1, by: 2).map {
                UInt16(utf16[$0]) << 8 | UInt16(utf16[$0 + 1])
            }
            return clean(String(decoding: units.prefix { $0 != 0 }, as: UTF16.self))
        }
        return nil
    }

    private static func clean(_ text: String) -> String? {
        let trimmed = text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()
        return trimmed.isEmpty ? nil : String(trimmed)
    }
}
