import Foundation
import ImageCodecs
import Testing
import TestSupport

/// Small files that used to cost gigabytes or seconds (issue 18), kept in
/// Fixtures/regression: each is refused quickly as corrupt, before the expensive part.
@Suite struct HostileInputTests {
    /// 108 bytes: an interlaced 8×8 PNG whose zTXt chunk claims 2 GB. libpng allocated and
    /// zeroed the claimed length (2.1 GB resident) before finding the data missing.
    @Test func anAncillaryChunkClaimingGigabytesIsRefusedFirst() throws {
        let bytes = try FixtureFiles.bytes("regression/png-ztxt-claims-2gb.png")
        #expect(throws: CodecError.corrupt(.png, message: "the zTXt chunk at byte 33 claims 2147483632 bytes, more than the file holds")) {
            try ImageCodec.decode(bytes)
        }
        #expect(throws: CodecError.self) { try ImageCodec.readMetadata(bytes) }
    }

    /// 22 KB: a 64×64 progressive JPEG with its last scan repeated 2000 times. It used to
    /// decode (with 126,000 warnings), one pass over the coefficients per scan.
    @Test func aJPEGWithThousandsOfScansIsRefused() throws {
        let bytes = try FixtureFiles.bytes("regression/jpeg-2000-scans.jpg")
        let error = #expect(throws: CodecError.self) { try ImageCodec.decode(bytes, options: DecodingOptions(lenient: true)) }
        #expect(error?.description.contains("more than 250 scans") == true, "\(String(describing: error))")
    }

    /// 4.8 KB: an animated WebP declaring a 10000×10000 canvas, 100 frames of 1×1. The
    /// first frame is decoded on its own rectangle (libwebp's animation decoder kept two
    /// more canvases: 1.2 GB resident); the canvas is still checked against the limits
    /// first.
    @Test func anAnimationsFirstFrameCostsOneCanvas() throws {
        let bytes = try FixtureFiles.bytes("regression/webp-anim-10000-canvas.webp")
        let metadata = try ImageCodec.readMetadata(bytes)
        #expect(metadata.isAnimated && metadata.frameCount == 100 && metadata.width == 10_000 && metadata.height == 10_000)
        #expect(throws: CodecError.self) {
            try ImageCodec.decode(bytes, options: DecodingOptions(limits: DecodingLimits(maxPixels: 50_000_000), animation: .firstFrame))
        }
        let first = try ImageCodec.decode(bytes, options: DecodingOptions(animation: .firstFrame)).pixels
        #expect(first.width == 10_000 && first.height == 10_000)
        first.withUnsafeBytes { pixels in
            #expect(Array(pixels[0..<8]) == [255, 0, 0, 255, 0, 0, 0, 0], "the 1×1 red frame at 0,0 on a transparent canvas")
            let lastRow = (first.height - 1) * first.bytesPerRow
            #expect(pixels[lastRow..<(lastRow + first.width * 4)].allSatisfy { $0 == 0 })
        }
    }

    /// 65 KB: a 64×64 RGBA PNG whose image data inflates to 64 MB of zeros (1 GB fits in
    /// 1 MB). libpng inflated all of it to find the stream's end (1.2 s per GB); the
    /// inflate now stops at the declared rows plus an eighth plus 64 KB.
    @Test func imageDataFarPastTheDeclaredSizeIsRefused() throws {
        let bytes = try FixtureFiles.bytes("regression/png-idat-64mb-of-zeros.png")
        let error = #expect(throws: CodecError.self) { try ImageCodec.decode(bytes) }
        #expect(error?.description.contains("more than 84040 bytes where a 64×64 image needs 16448") == true, "\(String(describing: error))")
        // The same data behind a palette header goes to libpng: refused before it.
        var palette = bytes
        palette[25] = 3
        let crc = CRC32.checksum(palette[12..<29])
        palette.replaceSubrange(29..<33, with: [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)])
        let plte: [UInt8] = [0, 0, 0, 3] + Array("PLTE".utf8) + [255, 0, 0]
        let plteCRC = CRC32.checksum(plte[4...])
        palette.insert(contentsOf: plte + [UInt8(plteCRC >> 24), UInt8(plteCRC >> 16 & 0xFF), UInt8(plteCRC >> 8 & 0xFF), UInt8(plteCRC & 0xFF)], at: 33)
        let paletteError = #expect(throws: CodecError.self) { try ImageCodec.decode(palette) }
        #expect(paletteError?.description.contains("where a 64×64 image needs 4160") == true, "\(String(describing: paletteError))")
    }
}
