import ImageCore

/// Decodes the common PNG shapes without libpng: 8-bit, non-interlaced grey, grey+alpha,
/// RGB or RGBA without tRNS. Chunks are walked and every critical chunk's CRC checked
/// here, IDAT is inflated by libdeflate (about 2.4× zlib's speed) straight into the RGBA8
/// output, un-filtered there and expanded in place. The inflate stops at the size the
/// header declares, so padded image data costs nothing. Every other PNG (palettes, tRNS,
/// 16-bit, low bit depths, interlaced) goes to libpng, after `checkImageDataSize`.
enum PNGFastDecoder {
    /// Whether the header allows the fast path.
    static func applies(to info: LibPNG.Info) -> Bool {
        info.bitDepth == 8 && !info.interlaced && !info.hasTransparencyChunk && [0, 2, 4, 6].contains(info.colorType)
    }

    /// How far the image data may inflate past what the header needs before it is
    /// refused: libpng would inflate all of it (1 GB of zeros fits in a 1 MB file).
    static let slack = 64 << 10

    /// Checks, for libpng's path, that IDAT inflates to no more than the filtered rows
    /// the header declares plus an eighth plus `slack` (a few stray bytes are accepted, as
    /// libpng does), using a scratch buffer of that size (transient: 1.125× the rows).
    ///
    /// - Throws: `CodecError.corrupt` for a damaged or over-long stream.
    static func checkImageDataSize(_ data: [UInt8], info: LibPNG.Info) throws(CodecError) {
        let (idat, _) = try collectChunks(data)
        let needed = filteredSize(info)
        let capacity = needed + needed / 8 + slack
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { scratch.deallocate() }
        let produced = try idat.withUnsafeBytes { input in
            Result { () throws(CodecError) in try LibDeflate.zlibInflatedSize(input, scratch: scratch) }
        }.get()
        guard let produced else {
            throw .corrupt(.png, message: "the image data inflates to more than \(capacity) bytes where a \(info.width)×\(info.height) image needs \(needed): padded or a decompression bomb")
        }
        if produced < needed {
            throw .corrupt(.png, message: "image data ends early (\(produced) of \(needed) bytes): the file is truncated or damaged")
        }
    }

    /// Samples per pixel of a PNG colour type (grey 1, RGB 3, palette 1, grey+alpha 2,
    /// RGBA 4).
    static func channels(_ colorType: Int) -> Int {
        [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colorType] ?? 4
    }

    /// Moves un-filtered rows (each behind its filter byte) together, dropping the filter
    /// bytes: row y goes from y·(rowBytes + 1) + 1 to y·rowBytes, first row to last (each
    /// destination starts before its source).
    static func dropFilterBytes(_ base: UnsafeMutablePointer<UInt8>, rowBytes: Int, height: Int) {
        for y in 0..<height {
            (base + y * rowBytes).update(from: base + y * (rowBytes + 1) + 1, count: rowBytes)
        }
    }

    /// The filtered rows' size: one filter byte per row, per Adam7 pass when interlaced.
    static func filteredSize(_ info: LibPNG.Info) -> Int {
        let channels = channels(info.colorType)
        func rows(_ width: Int, _ height: Int) -> Int {
            width == 0 || height == 0 ? 0 : ((width * channels * info.bitDepth + 7) / 8 + 1) * height
        }
        guard info.interlaced else { return rows(info.width, info.height) }
        let passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
        return passes.reduce(0) { total, pass in
            let (x0, y0, dx, dy) = pass
            return total + rows((info.width - x0 + dx - 1) / dx, (info.height - y0 + dy - 1) / dy)
        }
    }

    /// Decodes into `destination` (packed RGBA8); returns the ICC profile.
    ///
    /// The filtered rows ((width·channels + 1)·height bytes) are smaller than the RGBA
    /// output, so they are inflated into its start, un-filtered there and expanded to RGBA
    /// backwards: rows last to first, pixels right to left, each pixel read before its
    /// wider copy is written (a row's output never starts after its input, nor reaches the
    /// input of an earlier row).
    static func decode(_ data: [UInt8], info: LibPNG.Info, into destination: UnsafeMutableRawBufferPointer, bytesPerRow: Int) throws(CodecError) -> [UInt8]? {
        precondition(bytesPerRow == info.width * 4, "the fast path writes packed rows")
        let channels = channels(info.colorType)
        precondition(destination.count >= (info.width * channels + 1) * info.height, "room for the filtered rows")
        let rowBytes = info.width * channels
        let (idat, iccCompressed) = try collectChunks(data)
        let rows = UnsafeMutableRawBufferPointer(rebasing: destination[0..<(rowBytes + 1) * info.height])
        // Array's accessor is untyped `rethrows`; carry the typed error across it.
        try idat.withUnsafeBytes { input in Result { () throws(CodecError) in try LibDeflate.zlibDecompress(input, into: rows) } }.get()
        let base = destination.baseAddress!.assumingMemoryBound(to: UInt8.self)
        try unfilter(base, rowBytes: rowBytes, height: info.height, bpp: channels)
        if channels == 4 {
            dropFilterBytes(base, rowBytes: rowBytes, height: info.height)   // already RGBA
        } else {
            for y in stride(from: info.height - 1, through: 0, by: -1) {
                expandBackwards(base + y * (rowBytes + 1) + 1, channels: channels, width: info.width, into: base + y * bytesPerRow)
            }
        }
        return try iccCompressed.map { compressed throws(CodecError) in try LibDeflate.zlibDecompress(compressed, limit: 64 << 20) }
    }

    /// Decodes a grey or RGB PNG to its own layout (packed gray8 or rgb8); returns the
    /// pixel bytes and the ICC profile. The filtered rows carry one filter byte each, so
    /// they are inflated into a buffer `height` bytes longer than the pixels, un-filtered
    /// there and moved down over the filter bytes row by row (each row's destination
    /// starts before its source), then the spare tail is dropped.
    static func decodeNative(_ data: [UInt8], info: LibPNG.Info) throws(CodecError) -> (pixels: [UInt8], iccProfile: [UInt8]?) {
        precondition([0, 2].contains(info.colorType) && info.bitDepth == 8, "decodeNative needs 8-bit grey or RGB")
        let channels = channels(info.colorType)
        let rowBytes = info.width * channels, count = (rowBytes + 1) * info.height
        let (idat, iccCompressed) = try collectChunks(data)
        var failure: CodecError?
        var pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            let output = UnsafeMutableRawBufferPointer(buffer)
            LargeAllocation.adviseHugePages(output)
            do throws(CodecError) {
                try idat.withUnsafeBytes { input in Result { () throws(CodecError) in try LibDeflate.zlibDecompress(input, into: output) } }.get()
                let base = buffer.baseAddress!
                try unfilter(base, rowBytes: rowBytes, height: info.height, bpp: channels)
                dropFilterBytes(base, rowBytes: rowBytes, height: info.height)
            } catch {
                failure = error
                buffer.initialize(repeating: 0)
            }
            initialized = count
        }
        if let failure { throw failure }
        pixels.removeLast(info.height)
        return (pixels, try iccCompressed.map { compressed throws(CodecError) in try LibDeflate.zlibDecompress(compressed, limit: 64 << 20) })
    }

    /// The concatenated IDAT payload and the compressed iCCP profile, after checking the
    /// chunk structure and the CRC of every critical chunk.
    static func collectChunks(_ data: [UInt8]) throws(CodecError) -> (idat: ArraySlice<UInt8>, icc: ArraySlice<UInt8>?) {
        let reader = ByteReader(data[...])
        var offset = 8, icc: ArraySlice<UInt8>?
        var parts: [ArraySlice<UInt8>] = []
        var idatState = 0   // 0 before IDAT, 1 inside the IDAT run, 2 after it
        while true {
            guard let length = reader.uint32(at: offset).map(Int.init), let type = reader.slice(offset + 4, 4),
                  let payload = reader.slice(offset + 8, length), let stored = reader.uint32(at: offset + 8 + length) else {
                throw .corrupt(.png, message: "truncated file: chunk at byte \(offset) is incomplete")
            }
            let name = String(decoding: type, as: UTF8.self)
            let critical = type.first.map { $0 & 0x20 == 0 } ?? true
            if critical {
                let crc = data.withUnsafeBytes { LibDeflate.crc32(UnsafeRawBufferPointer(rebasing: $0[(offset + 4)..<(offset + 8 + length)])) }
                guard crc == stored else { throw .corrupt(.png, message: "\(name) chunk has a bad CRC") }
            }
            switch name {
            case "IDAT":
                if idatState == 2 { throw .corrupt(.png, message: "IDAT chunks are not consecutive") }
                idatState = 1
                parts.append(payload)
            case "IEND":
                guard idatState > 0 else { throw .corrupt(.png, message: "no image data (IDAT)") }
                // One IDAT chunk is used in place; several are joined (libdeflate needs one buffer).
                if parts.count == 1 { return (parts[0], icc) }
                var joined: [UInt8] = []
                joined.reserveCapacity(parts.reduce(0) { $0 + $1.count })
                for part in parts { joined.append(contentsOf: part) }
                return (joined[...], icc)
            case "iCCP":
                if let separator = payload.firstIndex(of: 0), separator + 2 <= payload.endIndex {
                    icc = payload[(separator + 2)...]
                }
                if idatState == 1 { idatState = 2 }
            case "IHDR", "PLTE":
                if idatState == 1 { idatState = 2 }
            default:
                if critical { throw .corrupt(.png, message: "unknown critical chunk \(name)") }
                if idatState == 1 { idatState = 2 }
            }
            offset += 12 + length
        }
    }

    /// Reverses the five PNG row filters in place (each row keeps its filter-type byte).
    static func unfilter(_ base: UnsafeMutablePointer<UInt8>, rowBytes: Int, height: Int, bpp: Int) throws(CodecError) {
        var failure: CodecError?
        do {
            var y = -1
            while y + 1 < height {
                y += 1
                let line = base + y * (rowBytes + 1)
                let x = line + 1
                let type = line[0]
                if y == 0 {
                    switch type {
                    case 0, 2: break
                    case 1, 4: for i in bpp..<max(bpp, rowBytes) { x[i] = x[i] &+ x[i - bpp] }
                    case 3: for i in bpp..<max(bpp, rowBytes) { x[i] = x[i] &+ x[i - bpp] / 2 }
                    default: failure = .corrupt(.png, message: "bad filter type \(type) in row \(y)"); break
                    }
                    if failure != nil { break }
                    continue
                }
                let b = base + (y - 1) * (rowBytes + 1) + 1
                switch type {
                case 0: break
                case 1: for i in bpp..<max(bpp, rowBytes) { x[i] = x[i] &+ x[i - bpp] }
                case 2: for i in 0..<rowBytes { x[i] = x[i] &+ b[i] }
                case 3:
                    for i in 0..<min(bpp, rowBytes) { x[i] = x[i] &+ b[i] / 2 }
                    for i in bpp..<max(bpp, rowBytes) { x[i] = x[i] &+ UInt8((UInt16(x[i - bpp]) + UInt16(b[i])) / 2) }
                case 4 where bpp == 3 && rowBytes >= 8:
                    // Two Paeth rows at once when the next row is one too (two chains).
                    let next = y + 1 < height && x[rowBytes] == 4 ? x + rowBytes + 1 : nil
                    paethRows(x, up: b, next: next, rowBytes: rowBytes)
                    if next != nil { y += 1 }
                case 4:
                    for i in 0..<min(bpp, rowBytes) { x[i] = x[i] &+ b[i] }
                    paeth(x, up: b, from: bpp, rowBytes: rowBytes, bpp: bpp)
                default:
                    failure = .corrupt(.png, message: "bad filter type \(type) in row \(y)")
                }
                if failure != nil { break }
            }
        }
        if let failure { throw failure }
    }

    /// Paeth for 3-byte pixels, one pixel per step in 16-bit lanes (a pixel's samples side
    /// by side), as libpng's SSE2 filters do. The pixels of a row form a chain (each is
    /// predicted from the one just restored), so a second Paeth row, `next`, runs two
    /// pixels behind in the same loop: its pixel above was restored two steps earlier
    /// and is still in a register. A step reads and writes 8 bytes; the lanes past the
    /// pixel predict 0, so the following samples are written back unchanged. Pixels whose
    /// 8 bytes would leave the row go bytewise.
    static func paethRows(_ x: UnsafeMutablePointer<UInt8>, up b: UnsafePointer<UInt8>, next: UnsafeMutablePointer<UInt8>?, rowBytes: Int,
                          pixelMask: UInt64 = 0x0000_0000_00FF_FFFF) {
        typealias Lanes = SIMD8<Int16>
        let bpp = 3
        @inline(__always) func load(_ p: UnsafeRawPointer) -> Lanes {
            Lanes(truncatingIfNeeded: unsafeBitCast(p.loadUnaligned(as: UInt64.self), to: SIMD8<UInt8>.self))
        }
        @inline(__always) func store(_ v: Lanes, _ p: UnsafeMutableRawPointer) {
            p.storeBytes(of: unsafeBitCast(SIMD8<UInt8>(truncatingIfNeeded: v), to: UInt64.self), as: UInt64.self)
        }
        /// All ones where x < y, else zero (|x − y| < 2¹⁵ here).
        @inline(__always) func below(_ x: Lanes, _ y: Lanes) -> Lanes { (x &- y) &>> 15 }
        // The mask is built from a value loaded at run time: a literal mask lets LLVM split
        // the lanes and run the third in scalar code.
        let pixel = Lanes(truncatingIfNeeded: unsafeBitCast(pixelMask, to: SIMD8<Int8>.self))
        /// The restored pixel: `filtered` plus the Paeth predictor of its neighbours.
        @inline(__always) func restore(_ filtered: Lanes, left: Lanes, above: Lanes, upLeft: Lanes) -> Lanes {
            let pa = pointwiseMax(above &- upLeft, upLeft &- above), pb = pointwiseMax(left &- upLeft, upLeft &- left)
            let pc = pointwiseMax(left &+ above &- upLeft &- upLeft, upLeft &+ upLeft &- left &- above)
            let useLeft = ~(below(pb, pa) | below(pc, pa)), useAbove = ~below(pc, pb)
            let predictor = (useLeft & left) | (~useLeft & ((useAbove & above) | (~useAbove & upLeft)))
            return (filtered &+ (predictor & pixel)) & 255
        }
        let steps = (rowBytes - 8) / bpp + 1   // pixels whose 8 bytes stay in the row
        var left = Lanes.zero, upLeft = Lanes.zero, previous = Lanes.zero, beforePrevious = Lanes.zero
        var nextLeft = Lanes.zero, nextUpLeft = Lanes.zero
        // Each pixel's filtered bytes are loaded a step early, before the previous pixel's
        // 8-byte store covers them: a load overlapping a pending store waits for it.
        var filtered = load(x), nextFiltered = next.map { load($0) } ?? .zero
        for p in 0..<steps {
            let above = load(b + p * bpp)
            let upcoming = p + 1 < steps ? load(x + (p + 1) * bpp) : .zero
            let value = restore(filtered, left: left, above: above, upLeft: upLeft)
            store(value, x + p * bpp)
            filtered = upcoming
            left = value; upLeft = above
            if let next, p >= 2 {
                // Pixel p − 2 of the next row; the one above it is `beforePrevious`.
                let o = (p - 2) * bpp
                let nextUpcoming = load(next + o + bpp)
                let nextValue = restore(nextFiltered, left: nextLeft, above: beforePrevious, upLeft: nextUpLeft)
                store(nextValue, next + o)
                nextFiltered = nextUpcoming
                nextLeft = nextValue; nextUpLeft = beforePrevious
            }
            beforePrevious = previous; previous = value
        }
        paeth(x, up: b, from: steps * bpp, rowBytes: rowBytes, bpp: bpp)
        guard let next else { return }
        for p in max(0, steps - 2)..<steps {
            let above = load(x + p * bpp)
            let value = restore(load(next + p * bpp), left: nextLeft, above: above, upLeft: nextUpLeft)
            store(value, next + p * bpp)
            nextLeft = value; nextUpLeft = above
        }
        paeth(next, up: x, from: steps * bpp, rowBytes: rowBytes, bpp: bpp)
    }

    /// Paeth bytewise in row `x` (above it: `b`) from byte `start` (≥ `bpp`) to the end.
    /// Branch-free (selects, not jumps): the predictor is data-dependent noise, so
    /// branches mispredict about half the time.
    @inline(__always)
    static func paeth(_ x: UnsafeMutablePointer<UInt8>, up b: UnsafePointer<UInt8>, from start: Int, rowBytes: Int, bpp: Int) {
        for i in start..<max(start, rowBytes) {
            let a = Int32(x[i - bpp]), up = Int32(b[i]), c = Int32(b[i - bpp])
            let pa = magnitude(up &- c), pb = magnitude(a &- c), pc = magnitude(a &+ up &- 2 &* c)
            let predictor = pa <= min(pb, pc) ? a : (pb <= pc ? up : c)
            x[i] = x[i] &+ UInt8(truncatingIfNeeded: predictor)
        }
    }

    /// |v| without a branch or an overflow trap (|v| < 2^30 here).
    @inline(__always)
    static func magnitude(_ v: Int32) -> Int32 {
        let sign = v &>> 31
        return (v ^ sign) &- sign
    }

    /// One unfiltered row of `channels` samples per pixel to RGBA8, last pixel first, so
    /// the output may overlap the input when it starts at or before it (in-place expansion).
    @inline(__always)
    static func expandBackwards(_ source: UnsafePointer<UInt8>, channels: Int, width: Int, into out: UnsafeMutablePointer<UInt8>) {
        switch channels {
        case 3:
            for x in stride(from: width - 1, through: 0, by: -1) {
                let r = source[x * 3], g = source[x * 3 + 1], b = source[x * 3 + 2]
                out[x * 4] = r; out[x * 4 + 1] = g; out[x * 4 + 2] = b; out[x * 4 + 3] = 255
            }
        case 2:
            for x in stride(from: width - 1, through: 0, by: -1) {
                let g = source[x * 2], a = source[x * 2 + 1]
                out[x * 4] = g; out[x * 4 + 1] = g; out[x * 4 + 2] = g; out[x * 4 + 3] = a
            }
        default:
            for x in stride(from: width - 1, through: 0, by: -1) {
                let g = source[x]
                out[x * 4] = g; out[x * 4 + 1] = g; out[x * 4 + 2] = g; out[x * 4 + 3] = 255
            }
        }
    }
}
