/// Walks a PNG's chunks and collects the metadata Retouch reports: eXIf, XMP (iTXt
/// "XML:com.adobe.xmp"), C2PA (caBX), APNG animation (acTL), the compressed ICC profile
/// (iCCP). Pixel data come from libpng. Stops quietly at malformed structure.
struct PNGChunkReader {
    var exif: ArraySlice<UInt8>?
    var hasXMP = false
    var hasC2PA = false
    /// Whether any text chunk (tEXt, zTXt, iTXt) is present.
    var hasText = false
    /// The iCCP chunk's zlib stream (after the name and the compression method byte).
    var compressedICC: ArraySlice<UInt8>?
    /// Frame count from acTL, when the file is an animated PNG.
    var animationFrameCount: Int?
    /// Why the chunk structure cannot be trusted: an ancillary chunk whose length runs past
    /// the end of the file, or one over `largestAncillaryChunk` (libpng would
    /// allocate and zero the claimed length before finding out).
    var malformed: String?
    /// 16 MiB: far above any real ICC profile, text or EXIF chunk.
    static let largestAncillaryChunk = 16 << 20

    init(_ data: [UInt8]) {
        let reader = ByteReader(data[...])
        var offset = 8
        while offset + 8 <= reader.count {
            guard let length = reader.uint32(at: offset).map(Int.init),
                  let type = reader.slice(offset + 4, 4) else { break }
            let name = String(decoding: type, as: UTF8.self)
            let payload = reader.slice(offset + 8, length)
            let ancillary = type.first.map { $0 & 0x20 != 0 } ?? false
            // A truncated image chunk is the decoder's to report; an ancillary one past the end is bogus.
            if payload == nil && ancillary {
                malformed = "the \(name) chunk at byte \(offset) claims \(length) bytes, more than the file holds"
                break
            }
            if ancillary && length > Self.largestAncillaryChunk {
                malformed = "the \(name) chunk at byte \(offset) claims \(length) bytes (ancillary chunks are limited to \(Self.largestAncillaryChunk) bytes)"
                break
            }
            switch name {
            case "eXIf": exif = payload
            case "iTXt", "tEXt", "zTXt":
                hasText = true
                if let payload, ByteReader(payload).hasPrefix("XML:com.adobe.xmp\0") { hasXMP = true }
            case "caBX": hasC2PA = true
            case "iCCP":
                if let payload, let separator = payload.firstIndex(of: 0), separator + 2 <= payload.endIndex {
                    compressedICC = payload[(separator + 2)...]
                }
            case "acTL":
                if let payload, let frames = ByteReader(payload).uint32(at: 0) { animationFrameCount = Int(frames) }
            case "IEND": return
            default: break
            }
            guard payload != nil else { break }
            offset += 12 + length
        }
    }
}
