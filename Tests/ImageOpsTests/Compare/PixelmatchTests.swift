import Foundation
import ImageCodecs
import ImageCore
import ImageOps
import Testing
import TestSupport

/// Every case of `pixelmatch/cases.tsv`: the v7.0–7.2 count exactly, and the v7.2.0 diff
/// picture pixel for pixel where one is listed.
@Suite(.requiresConformance) struct PixelmatchTests {
    static let rows = TSVTable.conformanceRows("pixelmatch/cases.tsv")

    static func options(_ row: [String: String]) throws -> PixelmatchOptions {
        var text = row["options_json"]!
        if let end = text.firstIndex(of: "}") { text = String(text[...end]) }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        func colour(_ key: String) -> RGB8? {
            (json[key] as? [Int]).map { RGB8(red: UInt8($0[0]), green: UInt8($0[1]), blue: UInt8($0[2])) }
        }
        var options = PixelmatchOptions()
        if let threshold = json["threshold"] as? Double { options.threshold = threshold }
        if let includeAA = json["includeAA"] as? Bool { options.includeAA = includeAA }
        if let alpha = json["alpha"] as? Double { options.alpha = alpha }
        if let diffMask = json["diffMask"] as? Bool { options.diffMask = diffMask }
        if let c = colour("aaColor") { options.aaColor = c }
        if let c = colour("diffColor") { options.diffColor = c }
        if let c = colour("diffColorAlt") { options.diffColorAlt = c }
        return options
    }

    @Test func everyCaseCountsExactlyAndDrawsTheSamePicture() throws {
        #expect(Self.rows.count >= 21)
        for row in Self.rows {
            let name = row["case"]!
            let a = try ImageCodec.decode(try Conformance.bytes("pixelmatch/" + row["img1"]!)).pixels
            let b = try ImageCodec.decode(try Conformance.bytes("pixelmatch/" + row["img2"]!)).pixels
            let expectedPicture = row["diff_image_v7.2.0"].flatMap { $0.isEmpty ? nil : $0 }
            let result = Pixelmatch.compare(a, b, options: try Self.options(row), picture: expectedPicture != nil)
            #expect(result.mismatched == Int(row["expected_v7.0-7.2_yiq_checkerboard"]!)!, "\(name): \(result.mismatched)")
            if let expectedPicture, let picture = result.picture {
                let expected = try ImageCodec.decode(try Conformance.bytes("pixelmatch/" + expectedPicture)).pixels.converted(to: .rgba8)
                var differing = 0
                for y in 0..<expected.height where !picture.row(y).elementsEqual(expected.row(y)) { differing += 1 }
                #expect(differing == 0, "\(name): \(differing) rows of the diff picture differ")
            }
        }
    }
}
