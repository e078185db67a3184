import ImageCodecs
public import ImageCore
public import ImageOps

/// Reads a mask file in either convention: the one place a mask image becomes coverage.
public enum MaskImport {
    /// Which channel of a mask image holds the coverage.
    public enum Channel: String, Sendable, Hashable, CaseIterable {
        /// Alpha 0 = edit (OpenAI).
        case alpha
        /// White = edit.
        case luma
    }

    /// The coverage (255 = edit) in the image at `path` and the convention it was read
    /// in: `channel`, or detected (alpha when the image has a meaningful alpha channel).
    /// The decoded picture is gone on return, so the mask's bytes are its own.
    ///
    /// - Throws: `FileAccessError`, or `FileError` naming `path` (undecodable image).
    public static func read(_ path: String, channel: Channel? = nil) throws -> (mask: Mask, convention: MaskConvention) {
        try read(bytes: FileAccess.read(path), path: path, channel: channel)
    }

    /// The same for the file's bytes, already read.
    ///
    /// - Throws: `FileError` naming `path` (undecodable image).
    public static func read(bytes: [UInt8], path: String, channel: Channel? = nil) throws -> (mask: Mask, convention: MaskConvention) {
        try FileError.attributing(to: path) {
            let source = try ImageCodec.decode(bytes, options: DecodingOptions(animation: .firstFrame, keepGray: true, colour: .keepOriginal)).upright()
            let convention: MaskConvention = channel.map { $0 == .alpha ? .openai : .white } ?? MaskConvention.detect(source)
            return (convention.mask(from: consume source), convention)
        }
    }
}
