public import ImageCodecs
public import ImageCore

/// `retouch convert`: decode, orient upright, encode with metadata stripped.
public enum ConvertJob {
    /// What was written.
    public struct Report: Sendable {
        public var format: ImageFormat
        public var size: PixelSize
        public var bytes: Int
        /// Decoder warnings (a truncated JPEG read leniently, …).
        public var warnings: [String]
    }

    /// Converts `input` to `output` with `encoding`.
    ///
    /// `orient`: apply the EXIF orientation; `keepICC`: keep the input's numbers and
    /// re-embed its profile (otherwise a non-sRGB profile is converted to sRGB on decode
    /// and none is written); `decoding`: leniency and animation handling.
    /// - Throws: `FileAccessError`, or `FileError` naming the input (undecodable, or
    ///   pixels the encoder refuses).
    public static func run(input: String, output: String, encoding: EncodingOptions, decoding: DecodingOptions = DecodingOptions(),
                           orient: Bool = true, keepICC: Bool = false) throws -> Report {
        let bytes = try FileAccess.read(input)
        var decoding = decoding
        if keepICC { decoding.colour = .keepOriginal }
        let decoded = try FileError.attributing(to: input) { try ImageCodec.decode(bytes, options: decoding) }
        let options = encoding.embedding(iccProfile: keepICC ? decoded.metadata.iccProfile : nil)
        let warnings = decoded.warnings
        // Handed over, not shared: the PNG encoder then filters in the pixels' storage.
        let pixels = orient ? (consume decoded).upright() : (consume decoded).pixels
        let size = pixels.size
        let encoded: [UInt8]
        do { encoded = try ImageCodec.encode(consume pixels, options: options) } catch {
            throw FileError(path: input, underlying: error)
        }
        try FileAccess.write(encoded, to: output)
        return Report(format: options.format, size: size, bytes: encoded.count, warnings: warnings)
    }
}
