internal import CDeflate

/// The only file that calls libdeflate: whole-buffer zlib compression and CRC-32.
/// libdeflate reports failure by return value; there is no longjmp.
enum LibDeflate {
    /// `data` as a zlib stream (RFC 1950) at libdeflate `level` 0…12.
    static func zlibCompress(_ data: [UInt8], level: Int) throws(CodecError) -> [UInt8] {
        // Array's accessor is untyped `rethrows`; carry the typed error across it.
        try data.withUnsafeBytes { bytes in Result { () throws(CodecError) in try zlibCompress(bytes, level: level) } }.get()
    }

    /// `data` as a zlib stream (RFC 1950) at libdeflate `level` 0…12.
    static func zlibCompress(_ data: UnsafeRawBufferPointer, level: Int) throws(CodecError) -> [UInt8] {
        guard let compressor = libdeflate_alloc_compressor(Int32(level)) else {
            throw .encodingFailed(.png, message: "libdeflate could not allocate a level \(level) compressor")
        }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_zlib_compress_bound(compressor, data.count)
        var written = 0
        let output = [UInt8](unsafeUninitializedCapacity: bound) { buffer, initialized in
            written = libdeflate_zlib_compress(compressor, data.baseAddress, data.count, buffer.baseAddress, bound)
            initialized = written
        }
        guard written > 0 else { throw .encodingFailed(.png, message: "libdeflate: output did not fit its own bound") }
        return output
    }

    /// CRC-32 (ISO-HDLC) of `bytes`, continuing from `crc` (0 to start).
    static func crc32(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        UInt32(libdeflate_crc32(crc, bytes.baseAddress, bytes.count))
    }

    /// The highest compression level libdeflate accepts.
    static let maximumLevel = 12
}
