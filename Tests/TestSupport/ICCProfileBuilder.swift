/// Builds small but valid ICC v2 profiles (header, tag table, a 'desc' tag) so metadata
/// round trips can be tested without shipping a profile.
public enum ICCProfileBuilder {
    /// A display-class profile with the given colour space ("RGB " or "GRAY") and description.
    public static func profile(description: String, colorSpace: String = "RGB ") -> [UInt8] {
        func u32(_ v: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8((v >> $0) & 0xff) } }
        var desc = Array("desc".utf8) + [0, 0, 0, 0]
        let ascii = Array(description.utf8) + [0]
        desc += u32(ascii.count) + ascii
        desc += [UInt8](repeating: 0, count: 4 + 4 + 2 + 1 + 67)   // empty Unicode and ScriptCode parts
        while desc.count % 4 != 0 { desc.append(0) }
        let tagOffset = 128 + 4 + 12
        let size = tagOffset + desc.count
        var header = u32(size) + Array("none".utf8) + [0x02, 0x10, 0, 0] + Array("mntr".utf8)
        header += Array(colorSpace.utf8) + Array("XYZ ".utf8)
        header += [UInt8](repeating: 0, count: 12)                 // date
        header += Array("acsp".utf8) + [UInt8](repeating: 0, count: 24)
        header += u32(0)                                            // rendering intent
        header += u32(0xF6D6) + u32(0x10000) + u32(0xD32D)          // D50 illuminant
        header += [UInt8](repeating: 0, count: 128 - header.count)
        return header + u32(1) + Array("desc".utf8) + u32(tagOffset) + u32(desc.count) + desc
    }
}
