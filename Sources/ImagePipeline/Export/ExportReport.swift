import ImageCodecs

/// What `ExportJob` wrote. Encodes as `retouch export --json`.
public struct ExportReport: Sendable, Encodable {
    public var output: String
    public var format: String
    public var width: Int
    public var height: Int
    public var bytes: Int
    /// The JPEG/WebP quality used (nil for PNG).
    public var quality: Int?
    /// Output pixels over framed pixels: below 1 when `maxBytes` needed smaller pixels.
    public var scale: Double
    public var channel: String?
    /// Metadata the input (or its original upload) carried that the export does not:
    /// "ICC" (without `keepICC`), "EXIF", "GPS", "XMP", "C2PA".
    public var removed: [String]
    public var warnings: [String]
}
