import ImageCore

/// PNG decoding through libpng's classic API, encoding with `PNGWriter` (libdeflate);
/// metadata parsed in Swift.
enum PNGCodec {
    static func readMetadata(_ data: [UInt8]) throws(CodecError) -> ImageMetadata {
        let chunks = PNGChunkReader(data)
        if let problem = chunks.malformed { throw .corrupt(.png, message: problem) }
        let info = try LibPNG.readInfo(data)
        // The profile is reported without decoding pixels; a damaged one is left out.
        let icc = chunks.compressedICC.flatMap { try? LibDeflate.zlibDecompress($0, limit: 64 << 20) }
        return metadata(chunks, info, iccProfile: icc, byteCount: data.count)
    }

    /// Decodes to RGBA8: the fast path when it applies, else libpng once the image data
    /// is known not to inflate far past the declared size.
    private static func decodeRGBA(
        _ data: [UInt8], header: LibPNG.Info, maxPixels: Int, into buffer: UnsafeMutableRawBufferPointer, bytesPerRow: Int
    ) throws(CodecError) -> (LibPNG.Info, iccProfile: [UInt8]?) {
        if PNGFastDecoder.applies(to: header) {
            do {
                return (header, try PNGFastDecoder.decode(data, info: header, into: buffer, bytesPerRow: bytesPerRow))
            } catch {
                // A few bytes more than the rows need: libpng accepts that (below).
                guard case .corrupt(.png, let message) = error, message == LibDeflate.tooLongMessage else { throw error }
            }
        }
        try PNGFastDecoder.checkImageDataSize(data, info: header)
        return try LibPNG.decode(data, maxPixels: maxPixels, into: buffer, bytesPerRow: bytesPerRow)
    }

    static func decode(_ data: [UInt8], options: DecodingOptions) throws(CodecError) -> DecodedImage {
        let chunks = PNGChunkReader(data)
        if let problem = chunks.malformed { throw .corrupt(.png, message: problem) }
        let header = try LibPNG.readInfo(data)
        try options.limits.checkImage(width: header.width, height: header.height)
        let native = (header.colorType == 0 && options.keepGray) || (header.colorType == 2 && options.keepRGB)
        if native && PNGFastDecoder.applies(to: header) {
            let (bytes, icc) = try PNGFastDecoder.decodeNative(data, info: header)
            let format: PixelFormat = header.colorType == 2 ? .rgb8 : .gray8
            let pixels = PixelBuffer(width: header.width, height: header.height, bytesPerRow: header.width * format.bytesPerPixel, format: format, bytes: bytes)
            return DecodedImage(pixels: pixels, metadata: metadata(chunks, header, iccProfile: icc, byteCount: data.count))
        }
        var decodeResult: Result<(LibPNG.Info, iccProfile: [UInt8]?), CodecError> = .failure(.corrupt(.png, message: "not decoded"))
        // Spare bytes so that re-encoding the decoded image as PNG filters it in place.
        let pixels = PixelBuffer(width: header.width, height: header.height, format: .rgba8, spareBytes: header.height) { buffer, bytesPerRow in
            decodeResult = Result { () throws(CodecError) in
                try decodeRGBA(data, header: header, maxPixels: options.limits.maxPixels, into: buffer, bytesPerRow: bytesPerRow)
            }
            if case .failure = decodeResult { buffer.initializeMemory(as: UInt8.self, repeating: 0) }
        }
        let (info, icc) = try decodeResult.get()
        var image = DecodedImage(pixels: pixels, metadata: metadata(chunks, info, iccProfile: icc, byteCount: data.count))
        if let frames = chunks.animationFrameCount, frames > 1 {
            image.warnings.append("animated PNG with \(frames) frames: decoded the default image only")
        }
        return image
    }

    static func encode(_ buffer: consuming PixelBuffer, options: PNGEncodingOptions) throws(CodecError) -> [UInt8] {
        guard (0...LibDeflate.maximumLevel).contains(options.compressionLevel) else {
            throw .invalidParameter(name: "PNG compression level", value: "\(options.compressionLevel)", expected: "0…\(LibDeflate.maximumLevel)")
        }
        var source = consume buffer
        if source.format.alpha == .premultiplied { source = source.unpremultiplied() }
        if options.reduceChannels {
            // An embedded profile fixes the colour model: PNG allows a GRAY profile only
            // on grey images and an RGB profile only on colour ones.
            let profileSpace = options.iccProfile.flatMap { $0.count >= 20 ? String(decoding: $0[16..<20], as: UTF8.self) : nil }
            let opaque = source.isOpaque
            let gray = profileSpace.map { $0 == "GRAY" } ?? source.isGrayscale
            let target: PixelFormat = switch (opaque, gray) {
            case (true, true): .gray8
            case (true, false): .rgb8
            case (false, true): .grayAlpha8
            case (false, false): .rgba8
            }
            source = source.converted(to: target)
        }
        return try PNGWriter.encode(consume source, filter: options.filter, level: options.compressionLevel, iccProfile: options.iccProfile,
                                    palette: options.palette)
    }

    private static func metadata(_ chunks: PNGChunkReader, _ info: LibPNG.Info, iccProfile: [UInt8]?, byteCount: Int) -> ImageMetadata {
        let colorType: String
        switch info.colorType {
        case 0: colorType = "grayscale"
        case 2: colorType = "rgb"
        case 3: colorType = "palette"
        case 4: colorType = "grayscale+alpha"
        case 6: colorType = "rgba"
        default: colorType = "color type \(info.colorType)"
        }
        var metadata = ImageMetadata(
            format: .png, width: info.width, height: info.height, colorType: colorType,
            bitDepth: info.bitDepth, compression: info.interlaced ? "deflate, interlaced (Adam7)" : "deflate",
            hasAlphaChannel: info.colorType & 4 != 0 || info.hasTransparencyChunk, byteCount: byteCount)
        metadata.iccProfile = iccProfile
        metadata.iccDescription = iccProfile.flatMap(ICCProfileReader.description(of:))
        metadata.hasXMP = chunks.hasXMP
        metadata.hasTextChunks = chunks.hasText
        metadata.hasC2PA = chunks.hasC2PA
        if let frames = chunks.animationFrameCount, frames > 1 {
            metadata.isAnimated = true
            metadata.frameCount = frames
        }
        if let exif = chunks.exif { metadata.applyEXIF(exif) }
        return metadata
    }
}
