import ImageCodecs
import ImageCore
import Testing
import TestSupport

/// PngSuite: every `decode` file gives IHDR's size and the RGBA8 hash with 16-bit samples
/// rounded; every `x*` file throws.
@Suite(.requiresConformance) struct PNGSuiteTests {
    static let rows = TSVTable.conformanceRows("pngsuite/expected.tsv")
    static let decodeFiles = rows.filter { $0["expect"] == "decode" }.compactMap { $0["file"] }
    static let rejectFiles = rows.filter { $0["expect"] == "reject" }.compactMap { $0["file"] }
    static let byFile = Dictionary(uniqueKeysWithValues: rows.map { ($0["file"]!, $0) })

    @Test func manifestIsComplete() {
        #expect(Self.decodeFiles.count == 161)
        #expect(Self.rejectFiles.count == 14)
    }

    @Test(arguments: decodeFiles)
    func decodesToReferenceHash(file: String) throws {
        let row = try #require(Self.byFile[file])
        let image = try ImageCodec.decode(try Conformance.bytes("pngsuite/" + file))
        #expect(image.pixels.width == Int(row["width"]!))
        #expect(image.pixels.height == Int(row["height"]!))
        #expect(image.metadata.bitDepth == Int(row["bit_depth"]!))
        #expect(SHA256.hex(image.pixels.packedBytes) == row["sha256_rgba8_round16"])
        #expect(image.warnings.isEmpty)
    }

    @Test(arguments: rejectFiles)
    func corruptFileThrows(file: String) throws {
        let bytes = try Conformance.bytes("pngsuite/" + file)
        #expect(throws: CodecError.self) { try ImageCodec.decode(bytes) }
    }
}
