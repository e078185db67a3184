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
}
