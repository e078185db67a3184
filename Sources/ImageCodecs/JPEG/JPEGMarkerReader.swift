/// Walks a JPEG's marker segments up to the first SOS and collects the metadata Retouch
/// reports: frame header, EXIF, XMP, ICC (multi-segment APP2), Adobe APP14, C2PA APP11.
/// Lenient by design: on malformed structure it stops and keeps what it found, leaving
/// the verdict to libjpeg.
struct JPEGMarkerReader {
    /// The SOF marker (0xC0…0xCF except C4, C8, CC), when found.
    var frameMarker: UInt8?
    var precision: Int?
    var componentCount: Int?
    var exif: ArraySlice<UInt8>?
    var hasXMP = false
    var hasC2PA = false
    /// The ICC profile, reassembled from its APP2 chunks in sequence order.
    var iccProfile: [UInt8]?
    /// The Adobe APP14 transform flag (0 CMYK/RGB, 1 YCbCr, 2 YCCK), when present.
    var adobeTransform: Int?

    init(_ data: [UInt8]) {
        let reader = ByteReader(data[...])
        guard reader.uint16(at: 0) == 0xFFD8 else { return }
        var offset = 2
        var iccChunks: [Int: ArraySlice<UInt8>] = [:]
        while offset + 4 <= reader.count {
            guard reader.uint8(at: offset) == 0xFF, let marker = reader.uint8(at: offset + 1) else { break }
            if marker == 0xFF { offset += 1; continue }                          // fill byte
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { offset += 2; continue }
            if marker == 0xDA || marker == 0xD9 { break }                       // SOS / EOI
            guard let length = reader.uint16(at: offset + 2).map(Int.init), length >= 2,
                  let payload = reader.slice(offset + 4, length - 2) else { break }
            let segment = ByteReader(payload)
            switch marker {
            case 0xC0...0xCF where marker != 0xC4 && marker != 0xC8 && marker != 0xCC:
                if frameMarker == nil {
                    frameMarker = marker
                    precision = segment.uint8(at: 0).map(Int.init)
                    componentCount = segment.uint8(at: 5).map(Int.init)
                }
            case 0xE1:
                if segment.hasPrefix("Exif\0"), exif == nil {
                    exif = segment.slice(6, max(0, segment.count - 6))
                } else if segment.hasPrefix("http://ns.adobe.com/xap/1.0/") || segment.hasPrefix("http://ns.adobe.com/xmp/extension/") {
                    hasXMP = true
                }
            case 0xE2:
                if segment.hasPrefix("ICC_PROFILE\0"), let sequence = segment.uint8(at: 12),
                   let chunk = segment.slice(14, max(0, segment.count - 14)) {
                    iccChunks[Int(sequence)] = chunk
                }
            case 0xEB:
                // JPEG XT / JUMBF boxes ("JP" common identifier); C2PA labels its superbox "c2pa".
                if segment.hasPrefix("JP") && payload.containsASCII("c2pa") { hasC2PA = true }
            case 0xEE:
                if segment.hasPrefix("Adobe"), let transform = segment.uint8(at: 11) {
                    adobeTransform = Int(transform)
                }
            default:
                break
            }
            offset += 2 + length
        }
        if !iccChunks.isEmpty {
            iccProfile = iccChunks.keys.sorted().flatMap { iccChunks[$0]! }
        }
    }

    /// A name for the coding process of the frame marker.
    var processName: String {
        switch frameMarker {
        case 0xC0: "baseline"
        case 0xC1: "extended"
        case 0xC2: "progressive"
        case 0xC3: "lossless"
        case 0xC9: "arithmetic"
        case 0xCA: "progressive arithmetic"
        case 0xCB: "lossless arithmetic"
        case 0xC5, 0xC6, 0xC7, 0xCD, 0xCE, 0xCF: "hierarchical"
        default: "unknown"
        }
    }
}
