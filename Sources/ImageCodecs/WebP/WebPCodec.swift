import ImageCore

/// WebP decoding and encoding through libwebp; metadata parsed in Swift.
enum WebPCodec {
    static func readMetadata(_ data: [UInt8]) throws(CodecError) -> ImageMetadata {
        let chunks = RIFFChunkReader(data)
        let features = try LibWebP.features(data)
        return metadata(chunks, features, byteCount: data.count)
    }

    static func decode(_ data: [UInt8], options: DecodingOptions) throws(CodecError) -> DecodedImage {
        let chunks = RIFFChunkReader(data)
        let features = try LibWebP.features(data)
        try options.limits.checkImage(width: features.width, height: features.height)
        if features.hasAnimation && options.animation == .reject {
            throw .unsupported(.webp, feature: "animation with \(chunks.frameCount) frames (ask for the first frame to decode it)")
        }
        var failure: CodecError?
        let pixels = PixelBuffer(width: features.width, height: features.height, format: .rgba8) { buffer, bytesPerRow in
            do throws(CodecError) {
                if features.hasAnimation {
                    buffer.initializeMemory(as: UInt8.self, repeating: 0)
                    _ = try LibWebP.decodeFirstFrame(data, into: buffer, bytesPerRow: bytesPerRow)
                } else {
                    try LibWebP.decode(data, into: buffer, bytesPerRow: bytesPerRow)
                }
            } catch {
                failure = error
                buffer.initializeMemory(as: UInt8.self, repeating: 0)
            }
        }
        if let failure { throw failure }
        var image = DecodedImage(pixels: pixels, metadata: metadata(chunks, features, byteCount: data.count))
        if features.hasAnimation {
            image.warnings.append("animated WebP with \(chunks.frameCount) frames: decoded the first frame only")
        }
        return image
    }

    static func encode(_ buffer: PixelBuffer, options: WebPEncodingOptions) throws(CodecError) -> [UInt8] {
        guard (0...100).contains(options.quality) else {
            throw .invalidParameter(name: "WebP quality", value: "\(options.quality)", expected: "0…100")
        }
        guard (0...6).contains(options.method) else {
            throw .invalidParameter(name: "WebP method", value: "\(options.method)", expected: "0…6")
        }
        var source = buffer
        if source.format.alpha == .premultiplied { source = source.unpremultiplied() }
        source = source.converted(to: .rgba8)
        var encoded = try source.withUnsafeBytes { bytes throws(CodecError) in
            try LibWebP.encode(bytes, width: source.width, height: source.height, bytesPerRow: source.bytesPerRow,
                               quality: options.quality, lossless: options.lossless, method: options.method)
        }
        if let icc = options.iccProfile, !icc.isEmpty {
            encoded = try LibWebP.embedICCProfile(icc, in: encoded)
        }
        return encoded
    }

    private static func metadata(_ chunks: RIFFChunkReader, _ features: LibWebP.Features, byteCount: Int) -> ImageMetadata {
        let lossless = features.format == 2 || (features.format == 0 && chunks.hasLossless)
        let compression = features.format == 0 && features.hasAnimation ? "mixed" : (lossless ? "lossless" : "lossy")
        var metadata = ImageMetadata(
            format: .webp, width: features.width, height: features.height,
            colorType: features.hasAlpha ? "rgba" : "rgb", bitDepth: 8, compression: compression,
            hasAlphaChannel: features.hasAlpha, byteCount: byteCount)
        metadata.iccProfile = chunks.iccProfile
        metadata.iccDescription = chunks.iccProfile.flatMap(ICCProfileReader.description(of:))
        metadata.hasXMP = chunks.hasXMP
        metadata.hasC2PA = chunks.hasC2PA
        metadata.isAnimated = features.hasAnimation
        metadata.frameCount = features.hasAnimation ? max(chunks.frameCount, 1) : 1
        if let exif = chunks.exif { metadata.applyEXIF(exif) }
        return metadata
    }
}
