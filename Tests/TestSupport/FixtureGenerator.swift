import Foundation
import ImageCodecs
import ImageCore

/// Makes every generated file in `Fixtures/` from code, so each can be re-made
/// (`REGENERATE_FIXTURES=1 swift test --filter FixtureTests`) and checked.
public enum FixtureGenerator {
    /// A generated fixture: relative path under `Fixtures/`, and its bytes.
    public struct Fixture: Sendable {
        public var path: String
        public var bytes: [UInt8]
        /// Whether the pixels must match exactly (lossless) when re-generated.
        public var lossless: Bool
    }

    /// The bundled photo the generated inputs derive from (CC0, scikit-image).
    static var coffee: PixelBuffer {
        get throws {
            let bytes = [UInt8](try Data(contentsOf: Paths.fixtures.appendingPathComponent("inputs/coffee.png")))
            return try ImageCodec.decode(bytes).pixels
        }
    }

    /// The generated inputs and corrupt files.
    public static func fixtures() throws -> [Fixture] {
        let coffee = try coffee
        var result: [Fixture] = []

        // Stored rotated 90° counter-clockwise with EXIF Orientation 6 (big-endian TIFF):
        // a correct reader shows the cup upright, 600×400.
        let stored = coffee.oriented(.rotate90CounterClockwise)
        let jpeg = try ImageCodec.encode(stored, options: .jpeg(JPEGEncodingOptions(quality: 88)))
        result.append(Fixture(path: "inputs/coffee-orientation-6.jpg", bytes: insertEXIF(orientation: 6, into: jpeg), lossless: false))

        result.append(Fixture(
            path: "inputs/alpha-ramp-256x64.png",
            bytes: try ImageCodec.encode(SyntheticImages.alphaRamp(width: 256, height: 64), options: .png(.default)),
            lossless: true))

        let cutout = featheredEllipse(coffee, width: 300, height: 200)
        result.append(Fixture(
            path: "inputs/coffee-cutout-300x200.webp",
            bytes: try ImageCodec.encode(cutout, options: .webp(WebPEncodingOptions(lossless: true))),
            lossless: true))

        let png = try ImageCodec.encode(SyntheticImages.gradient(width: 32, height: 16), options: .png(.default))
        result.append(Fixture(path: "corrupt/truncated-half.png", bytes: Array(png.prefix(png.count / 2)), lossless: true))
        var badSignature = png
        badSignature[1] = UInt8(ascii: "X")
        result.append(Fixture(path: "corrupt/bad-signature.png", bytes: badSignature, lossless: true))
        var badCRC = png
        badCRC[29] ^= 0xFF   // last byte of IHDR's CRC
        result.append(Fixture(path: "corrupt/bad-ihdr-crc.png", bytes: badCRC, lossless: true))
        result.append(Fixture(path: "corrupt/zero-width.png", bytes: withIHDRWidth(0, png), lossless: true))
        result.append(Fixture(path: "corrupt/truncated-header.jpg", bytes: Array(jpeg.prefix(100)), lossless: true))
        result.append(Fixture(path: "corrupt/truncated-scan.jpg", bytes: Array(jpeg.prefix(jpeg.count * 3 / 4)), lossless: true))
        let webp = try ImageCodec.encode(SyntheticImages.gradient(width: 32, height: 16), options: .webp(.default))
        result.append(Fixture(path: "corrupt/truncated.webp", bytes: Array(webp.prefix(webp.count - 10)), lossless: true))
        result.append(Fixture(path: "corrupt/html-error-page.png", bytes: Array("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>\n".utf8), lossless: true))
        result.append(Fixture(path: "corrupt/empty.jpg", bytes: [], lossless: true))
        return result
    }

    /// Inserts an APP1 EXIF segment (big-endian TIFF, IFD0 with one Orientation entry) after SOI.
    public static func insertEXIF(orientation: UInt16, into jpeg: [UInt8], littleEndian: Bool = false) -> [UInt8] {
        func u16(_ v: UInt16) -> [UInt8] { littleEndian ? [UInt8(v & 0xff), UInt8(v >> 8)] : [UInt8(v >> 8), UInt8(v & 0xff)] }
        func u32(_ v: UInt32) -> [UInt8] { littleEndian ? [0, 8, 16, 24].map { UInt8((v >> $0) & 0xff) } : [24, 16, 8, 0].map { UInt8((v >> $0) & 0xff) } }
        var tiff: [UInt8] = littleEndian ? Array("II".utf8) + [42, 0] : Array("MM".utf8) + [0, 42]
        tiff += u32(8) + u16(1)
        tiff += u16(0x0112) + u16(3) + u32(1) + u16(orientation) + [0, 0]
        tiff += u32(0)
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = UInt16(payload.count + 2)
        return [0xFF, 0xD8, 0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xff)] + payload + jpeg.dropFirst(2)
    }

    /// A PNG with an extra chunk inserted before IEND (with a correct CRC).
    public static func insertChunk(_ type: String, _ data: [UInt8], intoPNG png: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        let length = UInt32(data.count)
        let crc = CRC32.checksum(typeBytes + data)
        let chunk = [24, 16, 8, 0].map { UInt8((length >> $0) & 0xff) } + typeBytes + data + [24, 16, 8, 0].map { UInt8((crc >> $0) & 0xff) }
        return Array(png.dropLast(12)) + chunk + Array(png.suffix(12))
    }

    /// The PNG with IHDR's width replaced (CRC recomputed, so only the value is wrong).
    static func withIHDRWidth(_ width: UInt32, _ png: [UInt8]) -> [UInt8] {
        var bytes = png
        for (i, shift) in [24, 16, 8, 0].enumerated() { bytes[16 + i] = UInt8((width >> UInt32(shift)) & 0xff) }
        let crc = CRC32.checksum(bytes[12..<29])
        for (i, shift) in [24, 16, 8, 0].enumerated() { bytes[29 + i] = UInt8((crc >> UInt32(shift)) & 0xff) }
        return bytes
    }

    /// A centre crop of `image` (nearest-neighbour scaled to width × height) with an
    /// elliptical alpha that falls off linearly over the outer 15 % of the radius.
    static func featheredEllipse(_ image: PixelBuffer, width: Int, height: Int) -> PixelBuffer {
        var result = PixelBuffer(width: width, height: height, format: .rgba8)
        for y in 0..<height {
            for x in 0..<width {
                let sx = x * image.width / width, sy = y * image.height / height
                var pixel = image[sx, sy]
                let dx = (Double(x) + 0.5 - Double(width) / 2) / (Double(width) * 0.45)
                let dy = (Double(y) + 0.5 - Double(height) / 2) / (Double(height) * 0.45)
                let r = (dx * dx + dy * dy).squareRoot()
                let alpha = min(1, max(0, (1 - r) / 0.15))
                pixel[3] = UInt8((alpha * 255).rounded())
                result[x, y] = pixel
            }
        }
        return result
    }
}
