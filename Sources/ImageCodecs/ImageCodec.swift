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
        var metadata: ImageMetadata
        switch try FormatSniffer.format(of: bytes) {
        case .png: metadata = try PNGCodec.readMetadata(bytes)
        case .jpeg: metadata = try JPEGCodec.readMetadata(bytes)
        case .webp: metadata = try WebPCodec.readMetadata(bytes)
        }
        classifyProfile(&metadata)
        return metadata
    }

    /// Decodes to straight-alpha RGBA8 in stored orientation (see `DecodedImage.upright()`).
    ///
    /// Limits are checked from the header before any pixel allocation. With
    /// `options.colour` `.convertToSRGB` (the default), pixels tagged with a non-sRGB ICC
    /// profile are converted to sRGB (`colourConversion` says from what); a profile that
    /// cannot be used adds a warning and leaves the numbers.
    public static func decode(_ bytes: [UInt8], options: DecodingOptions = .default) throws(CodecError) -> DecodedImage {
        try options.limits.checkInput(byteCount: bytes.count)
        var decoded: DecodedImage
        switch try FormatSniffer.format(of: bytes) {
        case .png: decoded = try PNGCodec.decode(bytes, options: options)
        case .jpeg: decoded = try JPEGCodec.decode(bytes, options: options)
        case .webp: decoded = try WebPCodec.decode(bytes, options: options)
        }
        classifyProfile(&decoded.metadata)
        // CMYK JPEGs are converted inside the JPEG codec, from the raw CMYK samples.
        if options.colour == .convertToSRGB, decoded.colourConversion == nil, let profile = decoded.metadata.iccProfile,
           !(decoded.metadata.iccIsSRGB ?? false), !decoded.metadata.colorType.hasPrefix("cmyk"), decoded.metadata.colorType != "ycck" {
            record(LittleCMS.convertToSRGB(&decoded.pixels, profile: profile), in: &decoded)
        }
        return decoded
    }

    /// Adds what a conversion to sRGB did to `decoded` (its note or a warning).
    static func record(_ outcome: LittleCMS.Outcome, in decoded: inout DecodedImage) {
        let name = decoded.metadata.iccDescription.map { "'\($0)'" } ?? "the embedded profile"
        switch outcome {
        case .converted(let space): decoded.colourConversion = "\(name) (\(space)) → sRGB"
        case .unusable(let reason):
            decoded.warnings.append("the ICC profile \(name) was not applied (\(reason)): the numbers are taken as sRGB")
        }
    }

    private static func classifyProfile(_ metadata: inout ImageMetadata) {
        guard let profile = metadata.iccProfile, !profile.isEmpty else { return }
        (metadata.iccColourSpace, metadata.iccIsSRGB) = LittleCMS.classify(profile)
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
