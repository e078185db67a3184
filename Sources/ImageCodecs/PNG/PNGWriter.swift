import ImageCore

/// Writes 8-bit, non-interlaced PNG (grey, grey+alpha, RGB, RGBA, palette): rows
/// filtered here, the IDAT stream deflated by libdeflate, chunks and CRCs per the PNG
/// specification.
enum PNGWriter {
    /// Largest IDAT chunk written, in bytes (decoders accept any split).
    static let idatChunkSize = 1 << 23

    /// Encodes `pixels` (straight alpha, any of the four 8-bit layouts); with `palette`,
    /// opaque RGB with at most 256 colours as palette indices. The rows are filtered in
    /// the pixels' own storage when the caller gave the buffer up and it has room for the
    /// filter bytes (see `idatStream`); otherwise in a copy.
    static func encode(_ pixels: consuming PixelBuffer, filter: PNGEncodingOptions.Filter, level: Int, iccProfile: [UInt8]?,
                       palette: Bool = false) throws(CodecError) -> [UInt8] {
        var colorType: UInt8
        switch pixels.format.layout {
        case .gray: colorType = 0
        case .grayAlpha: colorType = 4
        case .rgb: colorType = 2
        case .rgba: colorType = 6
        }
        var rowBytes = pixels.rowByteCount, bpp = pixels.format.bytesPerPixel
        let width = pixels.width, height = pixels.height
        var rows = pixels.packedBytes
        _ = consume pixels
        var colours: [RGB8]?
        if palette && colorType == 2, let found = PNGPalette.index(&rows, count: width * height) {
            colours = found
            colorType = 3; rowBytes = width; bpp = 1
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, colorType, 0, 0, 0]
        appendChunk("IHDR", header, to: &png)
        if let profile = iccProfile, !profile.isEmpty {
            try validate(profile)
            let compressed = try LibDeflate.zlibCompress(profile, level: 9)
            appendChunk("iCCP", Array("ICC Profile".utf8) + [0, 0] + compressed, to: &png)
        }
        if let colours { appendChunk("PLTE", colours.flatMap { [$0.red, $0.green, $0.blue] }, to: &png) }
        let stream = try LibDeflate.zlibCompress(idatStream(&rows, rowBytes: rowBytes, height: height, bpp: bpp, filter: filter), level: level)
        var offset = 0
        repeat {
            let end = min(stream.count, offset + idatChunkSize)
            appendChunk("IDAT", stream[offset..<end], to: &png)
            offset = end
        } while offset < stream.count
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// The IDAT stream of `height` packed rows of `rowBytes`: each row filtered and
    /// prefixed with its filter type byte. Made inside `rows` itself when it has capacity
    /// for the `height` type bytes (it is copied first if shared), otherwise in a new
    /// array; `rows` is then left as it was.
    static func idatStream(_ rows: inout [UInt8], rowBytes: Int, height: Int, bpp: Int, filter: PNGEncodingOptions.Filter) -> [UInt8] {
        precondition(rows.count == rowBytes * height, "idatStream needs packed rows")
        let count = (rowBytes + 1) * height
        guard rows.capacity >= count else {
            return rows.withUnsafeBytes { source in
                [UInt8](unsafeUninitializedCapacity: count) { stream, initialized in
                    filterRows(from: source.baseAddress!, into: UnsafeMutableRawPointer(stream.baseAddress!), rowBytes: rowBytes, height: height, bpp: bpp, filter: filter)
                    initialized = count
                }
            }
        }
        rows.append(contentsOf: repeatElement(0, count: height))
        rows.withUnsafeMutableBytes { buffer in
            filterRows(from: UnsafeRawPointer(buffer.baseAddress!), into: buffer.baseAddress!, rowBytes: rowBytes, height: height, bpp: bpp, filter: filter)
        }
        return rows
    }

    /// Writes the IDAT stream of the packed rows at `source` to `stream`, which may be
    /// `source` itself. Rows go last to first, each moved to its place (memmove) and
    /// filtered there, so the row above is still unfiltered where it was when needed.
    static func filterRows(from source: UnsafeRawPointer, into stream: UnsafeMutableRawPointer, rowBytes: Int, height: Int, bpp: Int,
                           filter: PNGEncodingOptions.Filter) {
        let candidates: [UInt8]
        switch filter {
        case .none: candidates = [0]
        case .sub: candidates = [1]
        case .up: candidates = [2]
        case .average: candidates = [3]
        case .paeth: candidates = [4]
        case .adaptive: candidates = [0, 1, 2, 3, 4]
        }
        let zeroRow = [UInt8](repeating: 0, count: rowBytes)
        var scratch = [UInt8](repeating: 0, count: candidates.count > 1 ? rowBytes * candidates.count : 0)
        zeroRow.withUnsafeBytes { zero in
            scratch.withUnsafeMutableBytes { scratch in
                for y in stride(from: height - 1, through: 0, by: -1) {
                    let row = stream + y * (rowBytes + 1) + 1
                    row.copyMemory(from: source + y * rowBytes, byteCount: rowBytes)   // memmove
                    let prior = y == 0 ? zero.baseAddress! : source + (y - 1) * rowBytes
                    if candidates.count == 1 {
                        apply(candidates[0], row: row, prior: prior, count: rowBytes, bpp: bpp, into: row)
                        (row - 1).storeBytes(of: candidates[0], as: UInt8.self)
                        continue
                    }
                    // libpng's heuristic: the filter whose output has the smallest sum of
                    // absolute values (bytes read as signed).
                    var best = 0, bestSum = Int.max
                    for (index, type) in candidates.enumerated() {
                        let target = scratch.baseAddress! + index * rowBytes
                        apply(type, row: row, prior: prior, count: rowBytes, bpp: bpp, into: target)
                        var sum = 0
                        let bytes = target.assumingMemoryBound(to: Int8.self)
                        for i in 0..<rowBytes { sum &+= abs(Int(bytes[i])) }
                        if sum < bestSum { bestSum = sum; best = index }
                    }
                    row.copyMemory(from: scratch.baseAddress! + best * rowBytes, byteCount: rowBytes)
                    (row - 1).storeBytes(of: candidates[best], as: UInt8.self)
                }
            }
        }
    }

    /// Filter type 0…4 of one row. Bytes are written last to first, so `target` may be
    /// `row` itself (each byte is filtered before the one `bpp` to its right reads it).
    @inline(__always)
    static func apply(_ type: UInt8, row: UnsafeRawPointer, prior: UnsafeRawPointer, count: Int, bpp: Int, into target: UnsafeMutableRawPointer) {
        let x = row.assumingMemoryBound(to: UInt8.self), b = prior.assumingMemoryBound(to: UInt8.self)
        let out = target.assumingMemoryBound(to: UInt8.self)
        let tail = stride(from: count - 1, through: bpp, by: -1), head = stride(from: min(bpp, count) - 1, through: 0, by: -1)
        switch type {
        case 0:
            if target != UnsafeMutableRawPointer(mutating: row) { target.copyMemory(from: row, byteCount: count) }
        case 1:
            for i in tail { out[i] = x[i] &- x[i - bpp] }
            for i in head { out[i] = x[i] }
        case 2:
            for i in 0..<count { out[i] = x[i] &- b[i] }
        case 3:
            for i in tail { out[i] = x[i] &- UInt8((UInt16(x[i - bpp]) + UInt16(b[i])) / 2) }
            for i in head { out[i] = x[i] &- b[i] / 2 }
        default:
            for i in tail {
                let a = Int(x[i - bpp]), up = Int(b[i]), c = Int(b[i - bpp])
                let p = a + up - c, pa = abs(p - a), pb = abs(p - up), pc = abs(p - c)
                let predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? up : c)
                out[i] = x[i] &- UInt8(predictor)
            }
            for i in head { out[i] = x[i] &- b[i] }   // Paeth with a = c = 0 picks b
        }
    }

    private static func appendChunk<C: Collection>(_ type: String, _ data: C, to png: inout [UInt8]) where C.Element == UInt8 {
        let typeBytes = Array(type.utf8)
        png += bigEndian(UInt32(data.count))
        let start = png.count
        png += typeBytes
        png.append(contentsOf: data)
        let crc = png.withUnsafeBytes { LibDeflate.crc32(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        png += bigEndian(crc)
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff)]
    }

    /// The profile must look like ICC: header size field equal to its length, 'acsp' magic.
    private static func validate(_ profile: [UInt8]) throws(CodecError) {
        let reader = ByteReader(profile[...])
        guard profile.count >= 132, reader.uint32(at: 0) == UInt32(profile.count), reader.hasPrefix("acsp", at: 36) else {
            throw .invalidParameter(name: "ICC profile", value: "\(profile.count) bytes", expected: "an ICC profile (header size equal to its length, 'acsp' signature)")
        }
    }
}
