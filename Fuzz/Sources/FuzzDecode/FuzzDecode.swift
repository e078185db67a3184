import ImageCodecs
import ImageCore

/// Sniffing, metadata (EXIF, ICC, PNG chunks, RIFF) and decoding of PNG, JPEG and WebP
/// with the option combinations the commands use. Limits are lowered to 4 MP so one
/// input stays fast; the limit checks themselves are part of what is fuzzed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecode(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    let limits = DecodingLimits(maxPixels: 4_000_000, maxInputBytes: 8 << 20, maxDimension: 16_384)
    _ = try? ImageCodec.readMetadata(bytes, limits: limits)
    let variants = [
        DecodingOptions(limits: limits),
        DecodingOptions(limits: limits, lenient: true, animation: .firstFrame, keepGray: true, keepRGB: true, colour: .keepOriginal),
        DecodingOptions(limits: limits, lenient: true, jpegScaleDenominator: 4, jpegRegion: PixelRect(x: 1, y: 1, width: 7, height: 9)),
    ]
    for options in variants {
        guard let decoded = try? ImageCodec.decode(bytes, options: options) else { continue }
        let image = decoded.upright()
        precondition(image.width > 0 && image.height > 0 && image.bytesPerRow >= image.rowByteCount, "a decoded image has a size")
    }
    return 0
}
