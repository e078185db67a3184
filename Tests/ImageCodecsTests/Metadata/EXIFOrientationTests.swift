import ImageCodecs
import ImageCore
import Testing
import TestSupport

/// EXIF orientation: each file comes out at the upright size, with the exact pixels
/// Pillow's `exif_transpose` gives (same libjpeg-turbo defaults).
@Suite(.requiresConformance) struct EXIFOrientationTests {
    static let rows = TSVTable.conformanceRows("exif-orientation/expected.tsv")
    static let byFile = Dictionary(uniqueKeysWithValues: rows.map { ($0["file"]!, $0) })

    @Test func manifestIsComplete() {
        #expect(Self.rows.count == 30)
    }

    @Test(arguments: rows.compactMap { $0["file"] })
    func uprightMatchesReference(file: String) throws {
        let row = try #require(Self.byFile[file])
        let image = try ImageCodec.decode(try Conformance.bytes("exif-orientation/" + file))
        #expect(image.metadata.width == Int(row["stored_width"]!))
        #expect(image.metadata.height == Int(row["stored_height"]!))
        let tag = row["exif_orientation_tag"]!
        #expect(image.metadata.exifOrientationValue == Int(tag))
        let upright = image.upright()
        #expect(upright.width == Int(row["upright_width"]!))
        #expect(upright.height == Int(row["upright_height"]!))
        #expect(image.metadata.uprightSize == upright.size)
        #expect(SHA256.hex(upright.rgbBytes) == row["sha256_upright_rgb8_pillow"])
    }

    @Test func bigEndianEXIFIsRead() throws {
        let image = try ImageCodec.decode(try Conformance.bytes("exif-orientation/synthetic/orient6_MM.jpg"))
        #expect(image.metadata.orientation == .rotate90Clockwise)
        #expect(image.metadata.hasEXIF)
    }
}
