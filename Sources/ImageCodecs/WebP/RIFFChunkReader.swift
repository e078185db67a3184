/// Walks a WebP's RIFF chunks and collects the metadata Retouch reports: EXIF, XMP,
/// ICCP, C2PA, and the number of ANMF frames. Stops quietly at malformed structure.
struct RIFFChunkReader {
    var exif: ArraySlice<UInt8>?
    var iccProfile: [UInt8]?
    var hasXMP = false
    var hasC2PA = false
    var frameCount = 0
    /// Whether the VP8X header sets the animation flag.
    var animationFlag = false
    /// Whether a lossless (VP8L) bitstream is present (in an ANMF frame or alone).
    var hasLossless = false

    init(_ data: [UInt8]) {
        let reader = ByteReader(data[...], bigEndian: false)
        guard reader.hasPrefix("RIFF"), reader.hasPrefix("WEBP", at: 8) else { return }
        walk(reader, from: 12, to: reader.count)
    }

    private mutating func walk(_ reader: ByteReader, from start: Int, to end: Int) {
        var offset = start
        while offset + 8 <= end {
            guard let type = reader.slice(offset, 4), let length = reader.uint32(at: offset + 4).map(Int.init),
                  let payload = reader.slice(offset + 8, min(length, max(0, end - offset - 8))) else { return }
            switch String(decoding: type, as: UTF8.self) {
            case "VP8X":
                if let flags = ByteReader(payload).uint8(at: 0) { animationFlag = flags & 0x02 != 0 }
            case "EXIF": exif = payload
            case "XMP ": hasXMP = true
            case "ICCP": iccProfile = Array(payload)
            case "C2PA": hasC2PA = true
            case "VP8L": hasLossless = true
            case "ANMF":
                frameCount += 1
                // Frame header is 16 bytes; its sub-chunks follow.
                walk(reader, from: offset + 8 + 16, to: min(end, offset + 8 + payload.count))
            default: break
            }
            offset += 8 + length + (length & 1)
        }
    }
}
