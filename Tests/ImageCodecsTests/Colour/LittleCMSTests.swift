import Foundation
import ImageCodecs
import ImageCore
import Testing
import TestSupport

/// Conversion to sRGB on decode. Expected values come from the published definitions,
/// not from LittleCMS: Adobe RGB (1998) (primaries 0.64,0.33 / 0.21,0.71 / 0.15,0.06, D65,
/// γ 563/256) and Display P3 (0.680,0.320 / 0.265,0.690 / 0.150,0.060, D65, sRGB curve)
/// through their RGB→XYZ matrices and IEC 61966-2-1's XYZ→sRGB, rounded; LittleCMS goes
/// through a D50 PCS with fixed-point matrices, so ±1 level is allowed.
@Suite struct LittleCMSTests {
    /// (input, expected sRGB) pairs; out-of-gamut channels clip to 0.
    static let adobeRGB: [([UInt8], [UInt8])] = [
        ([200, 100, 50], [227, 100, 42]), ([100, 150, 200], [66, 151, 203]), ([128, 128, 128], [129, 129, 129]),
        ([30, 200, 90], [0, 201, 80]), ([240, 240, 240], [240, 240, 240]),
    ]
    static let displayP3: [([UInt8], [UInt8])] = [
        ([200, 100, 50], [215, 93, 31]), ([100, 150, 200], [83, 152, 205]), ([128, 128, 128], [128, 128, 128]),
        ([30, 200, 90], [0, 204, 73]), ([10, 20, 30], [7, 20, 31]),
    ]

    static func fixtureProfile(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: Paths.fixtures.appendingPathComponent("icc/\(name)")))
    }

    /// The Adobe RGB (1998) profile of the bundled rocket.jpg.
    static func adobeProfile() throws -> [UInt8] {
        let bytes = try [UInt8](Data(contentsOf: Paths.fixtures.appendingPathComponent("inputs/rocket.jpg")))
        return try #require(try ImageCodec.readMetadata(bytes).iccProfile)
    }

    /// One row of the given colours, RGBA with alpha 200 (alpha must survive).
    static func row(_ pairs: [([UInt8], [UInt8])]) -> PixelBuffer {
        PixelBuffer(width: pairs.count, height: 1, bytesPerRow: 4 * pairs.count, format: .rgba8, bytes: pairs.flatMap { $0.0 + [200] })
    }

    static func check(_ decoded: DecodedImage, _ pairs: [([UInt8], [UInt8])], alpha: UInt8?) {
        for (x, pair) in pairs.enumerated() {
            let pixel = decoded.pixels[x, 0]
            for c in 0..<3 {
                #expect(abs(Int(pixel[c]) - Int(pair.1[c])) <= 1, "\(pair.0) → \(pixel), expected \(pair.1)")
            }
            if let alpha { #expect(pixel[3] == alpha) }
        }
    }

    @Test func adobeRGBPNGAndWebPConvertToSRGB() throws {
        let profile = try Self.adobeProfile()
        for options in [EncodingOptions.png(PNGEncodingOptions(iccProfile: profile)), .webp(WebPEncodingOptions(lossless: true, iccProfile: profile))] {
            let decoded = try ImageCodec.decode(try ImageCodec.encode(Self.row(Self.adobeRGB), options: options))
            #expect(decoded.metadata.iccIsSRGB == false)
            #expect(decoded.metadata.iccColourSpace == "RGB")
            #expect(decoded.colourConversion == "'Adobe RGB (1998)' (RGB) → sRGB")
            Self.check(decoded, Self.adobeRGB, alpha: 200)
        }
    }

    @Test func displayP3ConvertsToSRGB() throws {
        let profile = try Self.fixtureProfile("display-p3.icc")
        let decoded = try ImageCodec.decode(try ImageCodec.encode(Self.row(Self.displayP3), options: .png(PNGEncodingOptions(iccProfile: profile))))
        Self.check(decoded, Self.displayP3, alpha: 200)
        // An opaque RGB decode (keepRGB) converts the same.
        var opaque = Self.row(Self.displayP3)
        opaque = PixelBuffer(width: opaque.width, height: 1, bytesPerRow: 3 * opaque.width, format: .rgb8, bytes: Self.displayP3.flatMap(\.0))
        let rgb = try ImageCodec.decode(try ImageCodec.encode(opaque, options: .png(PNGEncodingOptions(iccProfile: profile))), options: DecodingOptions(keepRGB: true))
        #expect(rgb.pixels.format == .rgb8)
        Self.check(rgb, Self.displayP3, alpha: nil)
    }

    @Test func keepOriginalLeavesTheNumbers() throws {
        let profile = try Self.fixtureProfile("display-p3.icc")
        let image = Self.row(Self.displayP3)
        let decoded = try ImageCodec.decode(try ImageCodec.encode(image, options: .png(PNGEncodingOptions(iccProfile: profile))),
                                            options: DecodingOptions(colour: .keepOriginal))
        #expect(decoded.pixels == image)
        #expect(decoded.colourConversion == nil)
        #expect(decoded.metadata.iccProfile == profile)
    }

    /// The rocket's JPEG: a JPEG path too, and every pixel moves (the old decode kept the
    /// Adobe numbers); against the published-matrix conversion of the kept numbers, within 1.
    @Test func adobeJPEGMatchesTheMatrixConversion() throws {
        let bytes = try [UInt8](Data(contentsOf: Paths.fixtures.appendingPathComponent("inputs/rocket.jpg")))
        let converted = try ImageCodec.decode(bytes)
        let original = try ImageCodec.decode(bytes, options: DecodingOptions(colour: .keepOriginal))
        #expect(converted.colourConversion != nil)
        #expect(converted.pixels != original.pixels)
        // Spot-check a grid of pixels against the matrix formula.
        for y in stride(from: 0, to: original.pixels.height, by: 37) {
            for x in stride(from: 0, to: original.pixels.width, by: 41) {
                let expected = AdobeToSRGB.convert(Array(original.pixels[x, y][0..<3]))
                let got = converted.pixels[x, y]
                for c in 0..<3 { #expect(abs(Int(got[c]) - Int(expected[c])) <= 1, "(\(x),\(y)): \(got) vs \(expected)") }
            }
        }
    }

    @Test func sRGBProfileIsLeftAlone() throws {
        // The sRGB profile of a conformance photo (when present), under its own name.
        guard let conformance = Paths.conformance else { return }
        let bytes = try [UInt8](Data(contentsOf: conformance.appendingPathComponent("photos/animal_chelsea_skimage.png")))
        let converted = try ImageCodec.decode(bytes)
        #expect(converted.metadata.iccIsSRGB == true)
        #expect(converted.colourConversion == nil)
        #expect(converted.pixels == (try ImageCodec.decode(bytes, options: DecodingOptions(colour: .keepOriginal))).pixels)
    }

    /// Grey with a γ 2.2 profile: grey 128 is (128/255)^2.2 = 0.2195 linear → sRGB 129.6;
    /// 64 → 0.0479 → 62.4 (grey stays grey; both as gray8 and as RGBA).
    @Test func greyGamma22ConvertsToTheSRGBCurve() throws {
        let profile = try Self.fixtureProfile("gray-gamma-2.2.icc")
        let grey = PixelBuffer(width: 3, height: 1, bytesPerRow: 3, format: .gray8, bytes: [64, 128, 255])
        let encoded = try ImageCodec.encode(grey, options: .png(PNGEncodingOptions(iccProfile: profile)))
        let asGrey = try ImageCodec.decode(encoded, options: DecodingOptions(keepGray: true))
        #expect(asGrey.pixels.format == .gray8)
        let asRGBA = try ImageCodec.decode(encoded)
        for (x, expected) in [62, 130, 255].enumerated() {
            #expect(abs(Int(asGrey.pixels[x, 0][0]) - expected) <= 1, "\(asGrey.pixels[x, 0])")
            let pixel = asRGBA.pixels[x, 0]
            #expect(abs(Int(pixel[0]) - expected) <= 1 && pixel[0] == pixel[1] && pixel[1] == pixel[2], "\(pixel)")
        }
    }

    @Test func unusableProfileWarnsAndKeepsTheNumbers() throws {
        var junk = [UInt8](repeating: 7, count: 300)
        junk[0..<4] = [0, 0, 1, 44]                  // its length, 300
        junk[36..<40] = [0x61, 0x63, 0x73, 0x70]     // 'acsp'; nothing else is valid
        let image = Self.row(Self.displayP3)
        // WebP carries the profile as it is (libpng drops an invalid iCCP itself).
        let decoded = try ImageCodec.decode(try ImageCodec.encode(image, options: .webp(WebPEncodingOptions(lossless: true, iccProfile: junk))))
        #expect(decoded.pixels == image)
        #expect(decoded.metadata.iccIsSRGB == false)
        #expect(decoded.warnings.contains { $0.contains("was not applied") && $0.contains("taken as sRGB") }, "\(decoded.warnings)")
    }
}

/// The Adobe RGB (1998) → sRGB conversion from the published definitions (D65 both).
enum AdobeToSRGB {
    static func convert(_ rgb: [UInt8]) -> [UInt8] {
        // Adobe RGB (1998) RGB→XYZ (D65), then XYZ→linear sRGB (IEC 61966-2-1).
        let toXYZ: [[Double]] = [[0.57667, 0.18556, 0.18823], [0.29734, 0.62736, 0.07529], [0.02703, 0.07069, 0.99134]]
        let toSRGB: [[Double]] = [[3.2406, -1.5372, -0.4986], [-0.9689, 1.8758, 0.0415], [0.0557, -0.2040, 1.0570]]
        let linear = rgb.map { pow(Double($0) / 255, 563.0 / 256.0) }
        let xyz = toXYZ.map { row in zip(row, linear).map(*).reduce(0, +) }
        return toSRGB.map { row in
            let l = min(1, max(0, zip(row, xyz).map(*).reduce(0, +)))
            let v = l <= 0.0031308 ? 12.92 * l : 1.055 * pow(l, 1 / 2.4) - 0.055
            return UInt8((v * 255).rounded())
        }
    }
}
