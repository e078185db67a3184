internal import CPNGShims

/// The only file that calls libpng (through CPNGShims). Pointers never outlive a call.
enum LibPNG {
    /// IHDR facts, in our own types.
    struct Info {
        var width: Int
        var height: Int
        var bitDepth: Int
        var colorType: Int
        var interlaced: Bool
        var hasTransparencyChunk: Bool
    }

    static func readInfo(_ data: [UInt8]) throws(CodecError) -> Info {
        var info = CPNGShims_Info()
        var status = CPNGShims_Status()
        let code = data.withUnsafeBufferPointer {
            CPNGShims_readInfo($0.baseAddress, $0.count, &info, &status)
        }
        try check(code, status)
        return Info(info)
    }

    /// Decodes straight RGBA8 into `destination`; returns the header and the ICC profile.
    static func decode(
        _ data: [UInt8], maxPixels: Int, into destination: UnsafeMutableRawBufferPointer, bytesPerRow: Int
    ) throws(CodecError) -> (Info, iccProfile: [UInt8]?) {
        var info = CPNGShims_Info()
        var status = CPNGShims_Status()
        var icc: UnsafeMutablePointer<UInt8>?
        var iccSize = 0
        let code = data.withUnsafeBufferPointer {
            CPNGShims_decode(
                $0.baseAddress, $0.count, UInt64(maxPixels),
                destination.baseAddress?.assumingMemoryBound(to: UInt8.self), bytesPerRow, destination.count,
                &info, &icc, &iccSize, &status)
        }
        defer { CPNGShims_free(icc) }
        try check(code, status)
        let profile = icc.map { Array(UnsafeBufferPointer(start: $0, count: iccSize)) }
        return (Info(info), profile)
    }

    /// The linked libpng's version, e.g. "1.6.39".
    static var version: String { String(cString: CPNGShims_linkedVersion()) }

    private static func check(_ code: Int32, _ status: CPNGShims_Status) throws(CodecError) {
        guard code != 0 else { return }
        var message = text(status.message)
        if message.isEmpty { message = "libpng error \(code)" }
        throw .corrupt(.png, message: message)
    }

    private static func text<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}

extension LibPNG.Info {
    fileprivate init(_ info: CPNGShims_Info) {
        self.init(
            width: Int(info.width), height: Int(info.height), bitDepth: Int(info.bitDepth),
            colorType: Int(info.colorType), interlaced: info.interlace != 0,
            hasTransparencyChunk: info.hasTransparencyChunk != 0)
    }
}
