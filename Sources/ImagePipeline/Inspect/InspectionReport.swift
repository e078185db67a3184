public import ImageCodecs

/// What `retouch inspect` says about one file. Encodes as the documented JSON.
public struct InspectionReport: Sendable, Encodable {
    public var file: String
    public var metadata: ImageMetadata
    /// Whether any decoded pixel is not fully opaque; nil for an animation (not decoded).
    public var usesAlpha: Bool?
    public var warnings: [String]

    public init(file: String, metadata: ImageMetadata, usesAlpha: Bool?, warnings: [String]) {
        self.file = file
        self.metadata = metadata
        self.usesAlpha = usesAlpha
        self.warnings = warnings
    }

    /// The ICC profile's description; "(no description)" when a profile has none.
    public var iccText: String? {
        guard let profile = metadata.iccProfile, !profile.isEmpty else { return nil }
        return metadata.iccDescription ?? "(no description)"
    }

    private enum Keys: String, CodingKey {
        case file, format, width, height, orientation, uprightWidth, uprightHeight, colorType, bitDepth, hasAlpha, usesAlpha
        case iccProfile, iccColourSpace, iccSRGB, exif, gps, xmp, c2pa, animated, frames, bytes, compression, warnings
    }

    /// The documented key order: file, format, width, height, orientation, uprightWidth,
    /// uprightHeight, colorType, bitDepth, hasAlpha, usesAlpha, iccProfile (with a profile:
    /// iccColourSpace, iccSRGB), exif, gps, xmp, c2pa, animated, frames, bytes; then
    /// compression and warnings.
    public func encode(to encoder: any Encoder) throws {
        let m = metadata, upright = metadata.uprightSize
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(file, forKey: .file)
        try c.encode(m.format.rawValue, forKey: .format)
        try c.encode(m.width, forKey: .width)
        try c.encode(m.height, forKey: .height)
        try c.encode(m.orientation.rawValue, forKey: .orientation)
        try c.encode(upright.width, forKey: .uprightWidth)
        try c.encode(upright.height, forKey: .uprightHeight)
        try c.encode(m.colorType, forKey: .colorType)
        try c.encode(m.bitDepth, forKey: .bitDepth)
        try c.encode(m.hasAlphaChannel, forKey: .hasAlpha)
        try c.encode(usesAlpha, forKey: .usesAlpha)
        try c.encodeIfPresent(iccText, forKey: .iccProfile)
        if iccText != nil {
            try c.encode(m.iccColourSpace ?? "unreadable", forKey: .iccColourSpace)
            try c.encode(m.iccIsSRGB ?? false, forKey: .iccSRGB)
        }
        try c.encode(m.hasEXIF, forKey: .exif)
        try c.encode(m.hasGPS, forKey: .gps)
        try c.encode(m.hasXMP, forKey: .xmp)
        try c.encode(m.hasC2PA, forKey: .c2pa)
        try c.encode(m.isAnimated, forKey: .animated)
        try c.encode(m.frameCount, forKey: .frames)
        try c.encode(m.byteCount, forKey: .bytes)
        try c.encode(m.compression, forKey: .compression)
        try c.encode(warnings, forKey: .warnings)
    }
}
