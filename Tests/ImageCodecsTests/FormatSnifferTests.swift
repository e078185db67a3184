import ImageCodecs
import Testing

@Suite struct FormatSnifferTests {
    static let cases: [(String, [UInt8], String?)] = [
        ("empty", [], "an empty file (0 bytes)"),
        ("gif", Array("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8), "GIF"),
        ("heic", [0, 0, 0, 24] + Array("ftypheic".utf8) + [0, 0, 0, 0], "HEIC/HEIF"),
        ("avif", [0, 0, 0, 24] + Array("ftypavif".utf8) + [0, 0, 0, 0], "AVIF"),
        ("pdf", Array("%PDF-1.7\n".utf8), "PDF"),
        ("html", Array("  \n<!DOCTYPE html><html>".utf8), "HTML (an error page or a web page?)"),
        ("json", Array("{\"error\": {\"message\": \"x\"}}".utf8), "JSON (an API error response?)"),
        ("svg", Array("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8), "SVG"),
        ("tiff", Array("II*\u{0}\u{8}\u{0}\u{0}\u{0}".utf8), "TIFF (or a camera raw file)"),
        ("bmp", Array("BM".utf8) + [UInt8](repeating: 0, count: 20), "BMP"),
        ("riff avi", Array("RIFF\u{0}\u{0}\u{0}\u{0}AVI LIST".utf8), "a RIFF file that is not WebP (AVI/WAV?)"),
        ("random", [0x13, 0x37, 0x42, 0x00, 0x99], nil),
    ]

    @Test(arguments: cases.map(\.0))
    func namesWhatTheBytesLookLike(name: String) throws {
        let (_, bytes, expected) = try #require(Self.cases.first { $0.0 == name })
        #expect(throws: CodecError.unrecognizedFormat(looksLike: expected)) { try ImageCodec.format(of: bytes) }
        #expect(throws: CodecError.unrecognizedFormat(looksLike: expected)) { try ImageCodec.decode(bytes) }
    }

    @Test func sniffsTheThreeFormatsFromContent() throws {
        #expect(try ImageCodec.format(of: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]) == .png)
        #expect(try ImageCodec.format(of: [0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(try ImageCodec.format(of: Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == .webp)
    }
}
