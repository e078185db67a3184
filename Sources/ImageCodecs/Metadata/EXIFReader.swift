/// Reads the few EXIF facts Retouch reports: the Orientation tag (0x0112) and whether a
/// GPS IFD (0x8825) is present. Accepts TIFF data with or without the "Exif\0\0" prefix,
/// in either byte order; malformed data yields nil fields, never a trap.
struct EXIFReader {
    /// The raw Orientation value, when IFD0 has the tag.
    var orientationValue: Int?
    /// Whether IFD0 points at a non-empty GPS IFD.
    var hasGPS = false

    init(_ data: ArraySlice<UInt8>) {
        var reader = ByteReader(data)
        if reader.hasPrefix("Exif\0\0") {
            guard let rest = reader.slice(6, reader.count - 6) else { return }
            reader = ByteReader(rest)
        }
        if reader.hasPrefix("II*\0") {
            reader.bigEndian = false
        } else if reader.hasPrefix("MM\0*") {
            reader.bigEndian = true
        } else {
            return
        }
        guard let ifdOffset = reader.uint32(at: 4).map(Int.init),
              let entryCount = reader.uint16(at: ifdOffset).map(Int.init) else { return }
        for index in 0..<entryCount {
            let entry = ifdOffset + 2 + index * 12
            guard let tag = reader.uint16(at: entry), let type = reader.uint16(at: entry + 2) else { return }
            switch tag {
            case 0x0112:
                // SHORT (3) is standard; accept LONG (4) from sloppy writers.
                if type == 3, let value = reader.uint16(at: entry + 8) {
                    orientationValue = Int(value)
                } else if type == 4, let value = reader.uint32(at: entry + 8) {
                    orientationValue = Int(value)
                }
            case 0x8825:
                if let gpsOffset = reader.uint32(at: entry + 8).map(Int.init),
                   let gpsCount = reader.uint16(at: gpsOffset) {
                    hasGPS = gpsCount > 0
                }
            default:
                continue
            }
        }
    }
}
