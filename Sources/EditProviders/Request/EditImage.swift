public import ImageCodecs
public import ImageCore

/// An image file as sent to a provider: its encoded bytes, the name it is sent under, and
/// what the bytes really are (sniffed, never taken from the name).
public struct EditImage: Sendable, Hashable {
    /// The file name sent with the part (a basename, e.g. `photo.png`).
    public var filename: String
    public var bytes: [UInt8]
    public var format: ImageFormat
    /// Stored pixel size (no orientation applied; uploads are prepared upright).
    public var size: PixelSize
    /// Whether the file can carry transparency (alpha channel, tRNS).
    public var hasAlpha: Bool

    /// Reads the format and size from the bytes themselves.
    ///
    /// - Throws: `CodecError` when the bytes are not a PNG, JPEG or WebP image.
    public init(filename: String, bytes: [UInt8]) throws {
        let metadata = try ImageCodec.readMetadata(bytes)
        self.filename = filename
        self.bytes = bytes
        self.format = metadata.format
        self.size = PixelSize(width: metadata.width, height: metadata.height)
        self.hasAlpha = metadata.hasAlphaChannel
    }

    /// The MIME type of the bytes: `image/png`, `image/jpeg` or `image/webp`.
    public var mimeType: String {
        switch format {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .webp: "image/webp"
        }
    }
}
