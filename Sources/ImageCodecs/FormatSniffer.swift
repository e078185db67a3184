/// Identifies the format from the first bytes, never from a file name.
enum FormatSniffer {
    /// The format of `bytes`, or `CodecError.unrecognizedFormat` naming what they look like.
    static func format(of bytes: [UInt8]) throws(CodecError) -> ImageFormat {
        let reader = ByteReader(bytes.prefix(64))
        if reader.slice(0, 8)?.elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) == true { return .png }
        if reader.uint8(at: 0) == 0xFF && reader.uint8(at: 1) == 0xD8 && reader.uint8(at: 2) == 0xFF { return .jpeg }
        if reader.hasPrefix("RIFF") && reader.hasPrefix("WEBP", at: 8) { return .webp }
        throw .unrecognizedFormat(looksLike: guess(bytes, reader))
    }

    private static func guess(_ bytes: [UInt8], _ reader: ByteReader) -> String? {
        if bytes.isEmpty { return "an empty file (0 bytes)" }
        if reader.hasPrefix("GIF87a") || reader.hasPrefix("GIF89a") { return "GIF" }
        if reader.hasPrefix("ftyp", at: 4), let brand = reader.slice(8, 4) {
            switch String(decoding: brand, as: UTF8.self) {
            case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1": return "HEIC/HEIF"
            case "avif", "avis": return "AVIF"
            case "crx ": return "Canon CR3 raw"
            default: return "an ISO media file (MP4/MOV)"
            }
        }
        if reader.hasPrefix("%PDF") { return "PDF" }
        if reader.hasPrefix("II*\0") || reader.hasPrefix("MM\0*") { return "TIFF (or a camera raw file)" }
        if reader.hasPrefix("BM") { return "BMP" }
        if reader.hasPrefix("8BPS") { return "Photoshop PSD" }
        if reader.hasPrefix("\0\0\0\u{0C}JXL ") || (reader.uint8(at: 0) == 0xFF && reader.uint8(at: 1) == 0x0A) { return "JPEG XL" }
        if reader.hasPrefix("\0\0\u{01}\0") { return "ICO" }
        if reader.hasPrefix("PK\u{03}\u{04}") { return "a ZIP archive" }
        if reader.hasPrefix("RIFF") { return "a RIFF file that is not WebP (AVI/WAV?)" }
        if reader.uint8(at: 0) == 0xFF && reader.uint8(at: 1) == 0xD8 { return "a damaged JPEG (no marker after SOI)" }
        if reader.slice(1, 3)?.elementsEqual(Array("PNG".utf8)) == true { return "a damaged PNG (bad signature)" }
        // Text formats: skip a UTF-8 BOM and leading white space, compare lower-cased.
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < min(bytes.count, 512), [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        let head = String(decoding: bytes[start..<min(bytes.count, start + 256)], as: UTF8.self).lowercased()
        if head.hasPrefix("<!doctype html") || head.hasPrefix("<html") || head.hasPrefix("<head") { return "HTML (an error page or a web page?)" }
        if head.hasPrefix("<svg") || (head.hasPrefix("<?xml") && head.contains("<svg")) { return "SVG" }
        if head.hasPrefix("<?xml") { return "XML" }
        if head.hasPrefix("{") || head.hasPrefix("[") { return "JSON (an API error response?)" }
        if head.hasPrefix("p1") || head.hasPrefix("p2") || head.hasPrefix("p3") || head.hasPrefix("p4") || head.hasPrefix("p5") || head.hasPrefix("p6") { return "PNM/PPM" }
        return nil
    }
}
