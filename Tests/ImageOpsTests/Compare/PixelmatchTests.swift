import Foundation
import ImageCodecs
import ImageCore
@testable import ImageOps
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

    /// Both reading layouts: RGBA8 as decoded, and RGB8 wherever both images are opaque
    /// (the opaque fast paths).
    @Test(arguments: [false, true]) func everyCaseCountsExactlyAndDrawsTheSamePicture(opaqueAsRGB: Bool) throws {
        #expect(Self.rows.count >= 21)
        var opaquePairs = 0
        for row in Self.rows {
            let name = row["case"]!
            var a = try ImageCodec.decode(try Conformance.bytes("pixelmatch/" + row["img1"]!)).pixels
            var b = try ImageCodec.decode(try Conformance.bytes("pixelmatch/" + row["img2"]!)).pixels
            if opaqueAsRGB && a.isOpaque && b.isOpaque { a = a.converted(to: .rgb8); b = b.converted(to: .rgb8) }
            if a.format == .rgb8 && b.format == .rgb8 { opaquePairs += 1 }
            let expectedPicture = row["diff_image_v7.2.0"].flatMap { $0.isEmpty ? nil : $0 }
            let result = Pixelmatch.compare(a, b, options: try Self.options(row), picture: expectedPicture != nil)
            #expect(result.mismatched == Int(row["expected_v7.0-7.2_yiq_checkerboard"]!)!, "\(name): \(result.mismatched)")
            if let expectedPicture, let picture = result.picture?.converted(to: .rgba8) {
                let expected = try ImageCodec.decode(try Conformance.bytes("pixelmatch/" + expectedPicture)).pixels.converted(to: .rgba8)
                var differing = 0
                for y in 0..<expected.height where !picture.row(y).elementsEqual(expected.row(y)) { differing += 1 }
                #expect(differing == 0, "\(name): \(differing) rows of the diff picture differ")
            }
        }
        if opaqueAsRGB { #expect(opaquePairs >= 5, "only \(opaquePairs) opaque pairs exercised the RGB path") }
    }
}

/// The opaque fast paths (RGB8 reading, close blocks, integer luma) against the general
/// RGBA8 path, which the conformance cases pin to v7.2.0.
@Suite struct PixelmatchFastPathTests {
    /// Gradients, edges and noise: blocks of every kind, and anti-aliasing checks that go
    /// both ways.
    static func pair(width: Int, height: Int, seed: UInt64) -> (PixelBuffer, PixelBuffer) {
        var generator = SplitMix64(seed: seed)
        var one = [UInt8](repeating: 0, count: width * height * 3), two = one
        for y in 0..<height {
            for x in 0..<width {
                let k = 3 * (y * width + x)
                let edge = (x + y / 3) % 23 < 11 ? 40 : 210
                for c in 0..<3 {
                    let base = (edge + 3 * c + x / 7) % 256
                    one[k + c] = UInt8(base)
                    let noise = Int.random(in: -120...120, using: &generator) * (Int.random(in: 0..<4, using: &generator) == 0 ? 1 : 0)
                    two[k + c] = UInt8(clamping: base + noise)
                }
            }
        }
        return (PixelBuffer(width: width, height: height, bytesPerRow: 3 * width, format: .rgb8, bytes: one),
                PixelBuffer(width: width, height: height, bytesPerRow: 3 * width, format: .rgb8, bytes: two))
    }

    @Test(arguments: [0.0, 0.05, 0.1, 0.2]) func rgbReadingMatchesRGBA(threshold: Double) {
        let (a, b) = Self.pair(width: 203, height: 61, seed: 7)
        let counted = Pixelmatch.compare(a, b, options: PixelmatchOptions(threshold: threshold, includeAA: true)).mismatched
        #expect(Pixelmatch.compare(a, b, options: PixelmatchOptions(threshold: threshold)).mismatched < counted, "no pixel was found anti-aliased")
        for includeAA in [false, true] {
            let options = PixelmatchOptions(threshold: threshold, includeAA: includeAA)
            let fast = Pixelmatch.compare(a, b, options: options, picture: true)
            let general = Pixelmatch.compare(a.converted(to: .rgba8), b.converted(to: .rgba8), options: options, picture: true)
            #expect(fast.mismatched == general.mismatched)
            #expect(fast.mismatched > 0)
            #expect(fast.picture == general.picture)
            #expect(fast.picture?.format == .rgb8)
        }
    }

    /// A block passes untested only when no pixel in it can exceed the cut-off: the
    /// distance is convex in the differences, so its maximum over ±limit is at a corner.
    @Test func closeLimitNeverHidesAPixelAboveTheCutOff() {
        let white: [UInt8] = [255, 255, 255, 255]
        for step in 0...100 {
            let threshold = Double(step) / 100, maxDelta = 35215 * threshold * threshold
            let limit = Int(Pixelmatch.closeLimit(maxDelta))
            for corner in 0..<8 {
                let shade = (0..<3).map { UInt8(255 - limit * ((corner >> $0) & 1)) } + [255]
                let lighter = (0..<3).map { UInt8(limit * ((corner >> $0) & 1)) } + [255]
                for (one, two) in [(white, shade), (lighter, [0, 0, 0, 255] as [UInt8])] {
                    one.withUnsafeBytes { p in
                        two.withUnsafeBytes { q in
                            let delta = Pixelmatch.colorDelta(Pixelmatch.Pixels(p, channels: 4), Pixelmatch.Pixels(q, channels: 4), 0, yOnly: false)
                            #expect(abs(delta) <= maxDelta, "threshold \(threshold), limit \(limit): \(delta)")
                        }
                    }
                }
            }
            // And the limit is as large as the bound allows, within a level.
            if limit < 255 && maxDelta > 0 { #expect(1.144 * Double((limit + 2) * (limit + 2)) > maxDelta) }
        }
    }
}
