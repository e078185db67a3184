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

    /// The message of a stream that inflates past its destination.
    static let tooLongMessage = "image data is longer than the image needs"

    /// Inflates a zlib stream that must fill `destination` exactly.
    ///
    /// - Throws: `CodecError.corrupt` when the stream is damaged, ends early or is too long.
    static func zlibDecompress(_ data: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer) throws(CodecError) {
        guard let decompressor = libdeflate_alloc_decompressor() else {
            throw .corrupt(.png, message: "libdeflate could not allocate a decompressor")
        }
        defer { libdeflate_free_decompressor(decompressor) }
        var produced = 0
        let result = libdeflate_zlib_decompress(decompressor, data.baseAddress, data.count, destination.baseAddress, destination.count, &produced)
        switch result {
        case LIBDEFLATE_SUCCESS where produced == destination.count: return
        case LIBDEFLATE_SUCCESS, LIBDEFLATE_SHORT_OUTPUT:
            throw .corrupt(.png, message: "image data ends early (\(produced) of \(destination.count) bytes): the file is truncated or damaged")
        case LIBDEFLATE_INSUFFICIENT_SPACE:
            throw .corrupt(.png, message: tooLongMessage)
        default:
            throw .corrupt(.png, message: "damaged deflate stream in IDAT")
        }
    }

    /// The size a zlib stream inflates to, using `scratch` as the output; nil when it is
    /// larger than `scratch`. The work stops at the scratch's end.
    ///
    /// - Throws: `CodecError.corrupt` when the stream is damaged.
    static func zlibInflatedSize(_ data: UnsafeRawBufferPointer, scratch: UnsafeMutableRawBufferPointer) throws(CodecError) -> Int? {
        guard let decompressor = libdeflate_alloc_decompressor() else {
            throw .corrupt(.png, message: "libdeflate could not allocate a decompressor")
        }
        defer { libdeflate_free_decompressor(decompressor) }
        var produced = 0
        switch libdeflate_zlib_decompress(decompressor, data.baseAddress, data.count, scratch.baseAddress, scratch.count, &produced) {
        case LIBDEFLATE_SUCCESS: return produced
        case LIBDEFLATE_INSUFFICIENT_SPACE: return nil
        case LIBDEFLATE_SHORT_OUTPUT: return produced
        default: throw .corrupt(.png, message: "damaged deflate stream in IDAT")
        }
    }

    /// Inflates a zlib stream of unknown size (at most `limit` bytes), e.g. an iCCP profile.
    static func zlibDecompress(_ data: ArraySlice<UInt8>, limit: Int) throws(CodecError) -> [UInt8] {
        guard let decompressor = libdeflate_alloc_decompressor() else {
            throw .corrupt(.png, message: "libdeflate could not allocate a decompressor")
        }
        defer { libdeflate_free_decompressor(decompressor) }
        var capacity = max(4096, data.count * 4)
        while true {
            var produced = 0
            var status = LIBDEFLATE_BAD_DATA
            let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                data.withUnsafeBytes { input in
                    status = libdeflate_zlib_decompress(decompressor, input.baseAddress, input.count, buffer.baseAddress, capacity, &produced)
                }
                initialized = status == LIBDEFLATE_SUCCESS ? produced : 0
            }
            if status == LIBDEFLATE_SUCCESS { return output }
            if status != LIBDEFLATE_INSUFFICIENT_SPACE || capacity >= limit {
                throw .corrupt(.png, message: "damaged compressed chunk")
            }
            capacity = min(limit, capacity * 4)
        }
    }

    /// CRC-32 (ISO-HDLC) of `bytes`, continuing from `crc` (0 to start).
    static func crc32(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        UInt32(libdeflate_crc32(crc, bytes.baseAddress, bytes.count))
    }

    /// The highest compression level libdeflate accepts.
    static let maximumLevel = 12
}
