import ImageCodecs
import ImageCore
import Testing
import TestSupport

/// The JPEG corpus: decode rows match their reference PNG within the listed tolerance;
/// corrupt rows throw; 12-bit and lossless throw `unsupported`; truncated files throw
/// unless the decode is lenient, which returns libjpeg's warning.
@Suite(.requiresConformance) struct JPEGConformanceTests {
    static let rows = TSVTable.conformanceRows("jpeg/MANIFEST.tsv")
    static let byFile = Dictionary(uniqueKeysWithValues: rows.map { ($0["file"]!, $0) })
    static func files(_ expect: String) -> [String] {
        rows.filter { $0["expect"] == expect }.compactMap { $0["file"] }
    }

    /// The reference column, e.g. "djpeg:2" → 2.
    static func tolerance(_ row: [String: String]) -> Int? {
        guard let text = row["maxabs_ref_vs_decode"], let value = text.split(separator: ":").last else { return nil }
        return Int(value)
    }

    static let refColumn = "ref_png (jpeg-decoder refs: ImageMagick; others: djpeg 2.1.5 output, see .source)"

    @Test func manifestHasEveryKind() {
        #expect(Self.files("decode").count >= 20)
        #expect(Self.files("reject").count == 6)
    }

    @Test(arguments: files("decode"))
    func decodesWithinReferenceTolerance(file: String) throws {
        let row = try #require(Self.byFile[file])
        let image = try ImageCodec.decode(try Conformance.bytes("jpeg/" + file))
        #expect(image.pixels.width == Int(row["width"]!))
        #expect(image.pixels.height == Int(row["height"]!))
        #expect(image.pixels.isOpaque)
        let refPath = try #require(row[Self.refColumn], "no reference PNG for \(file)")
        let reference = try ImageCodec.decode(try Conformance.bytes("jpeg/" + refPath)).pixels
        let tolerance = try #require(Self.tolerance(row))
        let difference = ImageDifference(image.pixels, reference, channels: 3)
        #expect(difference.maxAbs <= tolerance, "\(file): \(difference)")
    }

    @Test(arguments: files("reject"))
    func corruptFileThrows(file: String) throws {
        let bytes = try Conformance.bytes("jpeg/" + file)
        #expect(throws: CodecError.self) { try ImageCodec.decode(bytes) }
        #expect(throws: CodecError.self) { try ImageCodec.decode(bytes, options: DecodingOptions(lenient: true)) }
    }

    @Test(arguments: files("reject-or-decode-12bit") + files("reject-or-decode"))
    func unsupportedProcessNamesItself(file: String) throws {
        let bytes = try Conformance.bytes("jpeg/" + file)
        let error = #expect(throws: CodecError.self) { try ImageCodec.decode(bytes) }
        guard case .unsupported(.jpeg, let feature) = error else {
            Issue.record("\(file): expected unsupported, got \(String(describing: error))")
            return
        }
        #expect(feature.contains("12-bit") || feature.contains("lossless"), "\(feature)")
    }

    @Test(arguments: files("reject-or-decode-with-warning"))
    func truncatedFileThrowsUnlessLenient(file: String) throws {
        let row = try #require(Self.byFile[file])
        let bytes = try Conformance.bytes("jpeg/" + file)
        #expect(throws: CodecError.self) { try ImageCodec.decode(bytes) }
        let lenient = try ImageCodec.decode(bytes, options: DecodingOptions(lenient: true))
        #expect(lenient.pixels.width == Int(row["width"]!) || row["width"] == "")
        #expect(lenient.warnings.contains { $0.contains("Premature end of JPEG file") }, "\(lenient.warnings)")
    }

    @Test(arguments: files("decode-with-warning-or-reject"))
    func damagedFileDecodesWithWarningOrThrows(file: String) throws {
        let row = try #require(Self.byFile[file])
        let bytes = try Conformance.bytes("jpeg/" + file)
        if let image = try? ImageCodec.decode(bytes) {
            #expect(image.pixels.width == Int(row["width"]!))
            #expect(!image.warnings.isEmpty)
        }
        let lenient = try ImageCodec.decode(bytes, options: DecodingOptions(lenient: true))
        #expect(!lenient.warnings.isEmpty)
    }

    @Test func cmykIsNotColourInverted() throws {
        let image = try ImageCodec.decode(try Conformance.bytes("jpeg/made/coffee_cmyk_adobe_inverted.jpg"))
        let rgb = try ImageCodec.decode(try Conformance.bytes("jpeg/made/coffee_baseline_444_q90.jpg"))
        #expect(image.metadata.colorType == "cmyk")
        #expect(ImageDifference(image.pixels, rgb.pixels, channels: 3).meanAbs < 6)
    }

    @Test(arguments: [1, 2, 4, 8])
    func dctScalingShrinksOnLoad(denominator: Int) throws {
        let bytes = try Conformance.bytes("jpeg/made/coffee_baseline_420_q85.jpg")
        let image = try ImageCodec.decode(bytes, options: DecodingOptions(jpegScaleDenominator: denominator))
        #expect(image.pixels.width == (600 + denominator - 1) / denominator)
        #expect(image.pixels.height == (400 + denominator - 1) / denominator)
        #expect(image.metadata.width == 600)
    }

    /// A region decode equals the same rectangle of the whole decode, exactly, for
    /// rectangles that start and end off iMCU boundaries, with and without chroma
    /// subsampling, baseline and progressive, at full and half scale.
    @Test(arguments: ["jpeg/made/coffee_baseline_444_q90.jpg", "jpeg/made/coffee_grayscale_q90.jpg",
                      "jpeg/made/coffee_cmyk_adobe_inverted.jpg", "jpeg/made/coffee_baseline_420_q85.jpg",
                      "jpeg/made/coffee_progressive_q85.jpg"], [1, 2])
    func regionDecodeEqualsCropOfWholeDecode(name: String, denominator: Int) throws {
        let bytes = try Conformance.bytes(name)
        let whole = try ImageCodec.decode(bytes, options: DecodingOptions(jpegScaleDenominator: denominator)).pixels
        for rect in [PixelRect(x: 37, y: 21, width: 101, height: 77), PixelRect(x: 0, y: 0, width: 16, height: 16),
                     PixelRect(x: whole.width - 45, y: whole.height - 3, width: 45, height: 3),
                     PixelRect(x: 64, y: 0, width: 32, height: whole.height)] {
            let part = try ImageCodec.decode(bytes, options: DecodingOptions(jpegScaleDenominator: denominator, jpegRegion: rect)).pixels
            #expect(part.size == rect.size)
            var worst = 0
            for y in 0..<rect.height {
                let expected = whole.row(rect.y + y).dropFirst(rect.x * 4).prefix(rect.width * 4)
                worst = max(worst, zip(part.row(y), expected).map { abs(Int($0) - Int($1)) }.max() ?? 0)
            }
            #expect(worst == 0, "\(name) 1/\(denominator) \(rect): differs by \(worst) levels")
        }
    }

    @Test func regionOutsideTheImageIsRejected() throws {
        let bytes = try Conformance.bytes("jpeg/made/coffee_baseline_420_q85.jpg")
        #expect(throws: CodecError.self) {
            try ImageCodec.decode(bytes, options: DecodingOptions(jpegRegion: PixelRect(x: 590, y: 0, width: 20, height: 10)))
        }
    }
}
