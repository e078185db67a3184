public import ImageCore

/// Entry points for decoding and encoding PNG, JPEG and WebP from and to bytes in memory.
///
/// All functions are synchronous and deterministic, and throw `CodecError`; nothing is
/// printed. File I/O belongs to the caller.
public enum ImageCodec {
    /// The format of `bytes`, from their content (never a file name).
    public static func format(of bytes: [UInt8]) throws(CodecError) -> ImageFormat {
        try FormatSniffer.format(of: bytes)
    }

    /// Reads the header and metadata without decoding pixels.
    public static func readMetadata(_ bytes: [UInt8], limits: DecodingLimits = .default) throws(CodecError) -> ImageMetadata {
        try limits.checkInput(byteCount: bytes.count)
        switch try FormatSniffer.format(of: bytes) {
        case .png: return try PNGCodec.readMetadata(bytes)
        case .jpeg: return try JPEGCodec.readMetadata(bytes)
        case .webp: return try WebPCodec.readMetadata(bytes)
        }
    }

    /// Decodes to straight-alpha RGBA8 in stored orientation (see `DecodedImage.upright()`).
    ///
    /// Limits are checked from the header before any pixel allocation.
    public static func decode(_ bytes: [UInt8], options: DecodingOptions = .default) throws(CodecError) -> DecodedImage {
        try options.limits.checkInput(byteCount: bytes.count)
        switch try FormatSniffer.format(of: bytes) {
        case .png: return try PNGCodec.decode(bytes, options: options)
        case .jpeg: return try JPEGCodec.decode(bytes, options: options)
        case .webp: return try WebPCodec.decode(bytes, options: options)
        }
    }

    /// Encodes pixels (any 8-bit format; premultiplied input is unpremultiplied first).
    /// PNG filters the rows inside the buffer's own storage when the caller hands over its
    /// last copy (no second image-sized buffer); a buffer still in use is copied first.
    public static func encode(_ pixels: consuming PixelBuffer, options: EncodingOptions) throws(CodecError) -> [UInt8] {
        switch options {
        case .png(let png): try PNGCodec.encode(consume pixels, options: png)
        case .jpeg(let jpeg): try JPEGCodec.encode(pixels, options: jpeg)
        case .webp(let webp): try WebPCodec.encode(pixels, options: webp)
        }
    }

    /// The codec library versions this build is linked with.
    public static var libraryVersions: LibraryVersions {
        LibraryVersions(libpng: LibPNG.version, libjpeg: LibJPEG.version, libwebp: LibWebP.version)
    }
}
