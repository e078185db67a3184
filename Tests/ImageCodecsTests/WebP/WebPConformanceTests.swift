import ImageCodecs
import ImageCore
import Testing
import TestSupport

/// The WebP corpus and libwebp's own test data: decodes match dwebp's RGBA hash,
/// animations throw unless the first frame is asked for, corrupt files throw.
@Suite(.requiresConformance) struct WebPConformanceTests {
    static let rows = TSVTable.conformanceRows("webp/MANIFEST.tsv")
    static let byFile = Dictionary(uniqueKeysWithValues: rows.map { ($0["file"]!, $0) })
    static func files(_ expect: String) -> [String] {
        rows.filter { $0["expect"] == expect }.compactMap { $0["file"] }
    }
    static let corpus = TSVTable.conformanceRows("webp/libwebp-test-data/EXPECTED.tsv")
    static let corpusByFile = Dictionary(uniqueKeysWithValues: corpus.map { ($0["file"]!, $0) })

    @Test func manifestsAreComplete() {
        #expect(Self.files("decode").count == 9)
        #expect(Self.files("first-frame-or-reject").count == 3)
        #expect(Self.corpus.count == 127)
    }

    @Test(arguments: files("decode"))
    func decodesToDwebpHash(file: String) throws {
        let row = try #require(Self.byFile[file])
        let image = try ImageCodec.decode(try Conformance.bytes("webp/" + file))
        #expect(image.pixels.width == Int(row["width"]!))
        #expect(image.pixels.height == Int(row["height"]!))
        #expect(SHA256.hex(image.pixels.packedBytes) == row["sha256_rgba8_dwebp"])
    }

    @Test(arguments: files("first-frame-or-reject"))
    func animationThrowsUnlessFirstFrameIsAsked(file: String) throws {
        let row = try #require(Self.byFile[file])
        let bytes = try Conformance.bytes("webp/" + file)
        let error = #expect(throws: CodecError.self) { try ImageCodec.decode(bytes) }
        guard case .unsupported(.webp, let feature) = error else {
            Issue.record("expected unsupported, got \(String(describing: error))")
            return
        }
        #expect(feature.contains("\(row["anmf_frames"]!) frames"), "\(feature)")
        let first = try ImageCodec.decode(bytes, options: DecodingOptions(animation: .firstFrame))
        #expect(first.metadata.isAnimated)
        #expect(first.metadata.frameCount == Int(row["anmf_frames"]!))
        #expect(SHA256.hex(first.pixels.packedBytes) == row["sha256_rgba8_dwebp"])
    }

    @Test(arguments: files("reject") + files("reject-or-first-frame"))
    func corruptFileThrows(file: String) throws {
        let bytes = try Conformance.bytes("webp/" + file)
        #expect(throws: CodecError.self) { try ImageCodec.decode(bytes) }
        if Self.byFile[file]?["expect"] == "reject" {
            #expect(throws: CodecError.self) { try ImageCodec.decode(bytes, options: DecodingOptions(animation: .firstFrame)) }
        }
    }

    @Test(arguments: corpus.compactMap { $0["file"] })
    func libwebpTestDataDecodes(file: String) throws {
        let row = try #require(Self.corpusByFile[file])
        let image = try ImageCodec.decode(try Conformance.bytes("webp/libwebp-test-data/" + file))
        #expect(image.pixels.width == Int(row["width"]!))
        #expect(image.pixels.height == Int(row["height"]!))
        // Upstream's reference: md5 of dwebp's PAM (header + RGBA8). The table's
        // sha256_rgba8 column is wrong for bad_palette_index.webp (taken from Pillow,
        // which drops alpha), so the md5 is what is checked.
        let header = "P7\nWIDTH \(image.pixels.width)\nHEIGHT \(image.pixels.height)\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n"
        #expect(MD5.hex(Array(header.utf8) + image.pixels.packedBytes) == row["md5_pam_expected"])
    }
}
