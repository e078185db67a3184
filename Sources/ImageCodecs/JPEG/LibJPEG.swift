internal import CJPEGShims
import ImageCore

/// The only file that calls libjpeg (through CJPEGShims). Pointers never outlive a call.
enum LibJPEG {
    /// Header facts, in our own types.
    struct Info {
        var width: Int
        var height: Int
        var outputWidth: Int
        var outputHeight: Int
        var components: Int
        var progressive: Bool
        var arithmetic: Bool
        var outputIsCMYK: Bool
    }

    /// Warnings of a successful decode.
    struct Warnings {
        var count: Int
        var first: String
        var dataIncomplete: Bool
    }

    static func readInfo(_ data: [UInt8], scaleDenominator: Int) throws(CodecError) -> Info {
        var info = CJPEGShims_Info()
        var status = CJPEGShims_Status()
        let code = data.withUnsafeBufferPointer {
            CJPEGShims_readInfo($0.baseAddress, $0.count, Int32(scaleDenominator), &info, &status)
        }
        try check(code, status)
        return Info(info)
    }

    /// Decodes into `destination` (RGBA8, or RGB8 with `components` 3; CMYK8 for CMYK
    /// files) at `bytesPerRow`. With `region` (output pixels), only that rectangle is written.
    static func decode(
        _ data: [UInt8], scaleDenominator: Int, maxPixels: Int, region: PixelRect? = nil, components: Int = 4,
        into destination: UnsafeMutableRawBufferPointer, bytesPerRow: Int
    ) throws(CodecError) -> (Info, Warnings) {
        var info = CJPEGShims_Info()
        var status = CJPEGShims_Status()
        func call(_ regionPointer: UnsafePointer<CJPEGShims_Region>?) -> Int32 {
            data.withUnsafeBufferPointer { bytes in
                CJPEGShims_decode(
                    bytes.baseAddress, bytes.count, Int32(scaleDenominator), UInt64(maxPixels), regionPointer, Int32(components),
                    destination.baseAddress?.assumingMemoryBound(to: UInt8.self), bytesPerRow,
                    destination.count, &info, &status)
            }
        }
        let code: Int32
        if let region {
            var cRegion = CJPEGShims_Region(x: UInt32(region.x), y: UInt32(region.y), width: UInt32(region.width), height: UInt32(region.height))
            code = withUnsafePointer(to: &cRegion) { call($0) }
        } else {
            code = call(nil)
        }
        try check(code, status)
        let warnings = Warnings(
            count: Int(status.warningCount), first: text(status.firstWarning),
            dataIncomplete: status.dataIncomplete != 0)
        return (Info(info), warnings)
    }

    /// Encodes rows of `components` bytes per pixel (1 grey, 3 RGB, 4 RGBX).
    static func encode(
        _ pixels: UnsafeRawBufferPointer, width: Int, height: Int, bytesPerRow: Int, components: Int,
        quality: Int, chroma444: Bool, progressive: Bool, iccProfile: [UInt8]?
    ) throws(CodecError) -> [UInt8] {
        var status = CJPEGShims_Status()
        var output: UnsafeMutablePointer<UInt8>?
        var outputSize = 0
        let icc = iccProfile ?? []
        let code = icc.withUnsafeBufferPointer { iccBuffer in
            CJPEGShims_encode(
                pixels.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt32(width), UInt32(height),
                bytesPerRow, Int32(components), Int32(quality), chroma444 ? 1 : 0, progressive ? 1 : 0,
                iccBuffer.baseAddress, iccBuffer.count, &output, &outputSize, &status)
        }
        defer { CJPEGShims_free(output) }
        if code != 0 { throw .encodingFailed(.jpeg, message: text(status.message)) }
        guard let output else { throw .encodingFailed(.jpeg, message: "no output") }
        return Array(UnsafeBufferPointer(start: output, count: outputSize))
    }

    /// "libjpeg-turbo 2.1.5 (libjpeg API 62)", as compiled against.
    static var version: String {
        "libjpeg-turbo \(String(cString: CJPEGShims_turboVersion())) (libjpeg API \(CJPEGShims_apiVersion()))"
    }

    private static func check(_ code: Int32, _ status: CJPEGShims_Status) throws(CodecError) {
        guard code != 0 else { return }
        var message = text(status.message)
        if message.isEmpty { message = "libjpeg error \(status.messageCode)" }
        throw .corrupt(.jpeg, message: message)
    }

    private static func text<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}

extension LibJPEG.Info {
    fileprivate init(_ info: CJPEGShims_Info) {
        self.init(
            width: Int(info.width), height: Int(info.height),
            outputWidth: Int(info.outputWidth), outputHeight: Int(info.outputHeight),
            components: Int(info.components), progressive: info.progressive != 0,
            arithmetic: info.arithmetic != 0, outputIsCMYK: info.outputIsCMYK != 0)
    }
}
