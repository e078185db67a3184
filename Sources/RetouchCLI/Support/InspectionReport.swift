import ImageCodecs

/// What `retouch inspect` says about one file, in text or JSON.
struct InspectionReport {
    var file: String
    var metadata: ImageMetadata
    /// Whether any decoded pixel is not fully opaque.
    var usesAlpha: Bool
    var warnings: [String]

    /// The ICC profile's description; "(no description)" when a profile has none.
    var iccText: String? {
        guard let profile = metadata.iccProfile, !profile.isEmpty else { return nil }
        return metadata.iccDescription ?? "(no description)"
    }

    /// The documented key order: file, format, width, height, orientation, uprightWidth,
    /// uprightHeight, colorType, bitDepth, hasAlpha, usesAlpha, iccProfile, exif, gps, xmp,
    /// c2pa, animated, frames, bytes; then compression and warnings.
    var json: JSONValue {
        let upright = metadata.uprightSize
        return .object([
            ("file", .string(file)),
            ("format", .string(metadata.format.rawValue)),
            ("width", .int(metadata.width)),
            ("height", .int(metadata.height)),
            ("orientation", .int(metadata.orientation.rawValue)),
            ("uprightWidth", .int(upright.width)),
            ("uprightHeight", .int(upright.height)),
            ("colorType", .string(metadata.colorType)),
            ("bitDepth", .int(metadata.bitDepth)),
            ("hasAlpha", .bool(metadata.hasAlphaChannel)),
            ("usesAlpha", .bool(usesAlpha)),
            ("iccProfile", iccText.map(JSONValue.string) ?? .null),
            ("exif", .bool(metadata.hasEXIF)),
            ("gps", .bool(metadata.hasGPS)),
            ("xmp", .bool(metadata.hasXMP)),
            ("c2pa", .bool(metadata.hasC2PA)),
            ("animated", .bool(metadata.isAnimated)),
            ("frames", .int(metadata.frameCount)),
            ("bytes", .int(metadata.byteCount)),
            ("compression", .string(metadata.compression)),
            ("warnings", .array(warnings.map(JSONValue.string))),
        ])
    }

    /// Aligned human-readable lines.
    var text: [String] {
        let m = metadata
        var orientation = "\(m.orientation.rawValue) (\(m.orientation))"
        if let raw = m.exifOrientationValue, raw != m.orientation.rawValue { orientation += ", tag value \(raw) is invalid" }
        if m.exifOrientationValue == nil { orientation = "none (upright)" }
        func yesNo(_ value: Bool) -> String { value ? "yes" : "no" }
        var lines = [
            file,
            "  format       \(m.format) (\(m.compression))",
            "  stored       \(m.width)×\(m.height)",
            "  orientation  \(orientation)",
            "  upright      \(m.uprightSize)",
            "  color        \(m.colorType), \(m.bitDepth)-bit",
            "  alpha        \(m.hasAlphaChannel ? "channel present" : "none")\(m.hasAlphaChannel ? (usesAlpha ? ", used" : ", all pixels opaque") : "")",
            "  icc profile  \(iccText.map { "\($0) (\(m.iccProfile?.count ?? 0) bytes)" } ?? "none")",
            "  metadata     EXIF \(yesNo(m.hasEXIF)), GPS \(yesNo(m.hasGPS)), XMP \(yesNo(m.hasXMP)), C2PA \(yesNo(m.hasC2PA))",
            "  animated     \(m.isAnimated ? "yes, \(m.frameCount) frames" : "no")",
            "  bytes        \(m.byteCount)",
        ]
        lines += warnings.map { "  warning      \($0)" }
        return lines
    }
}
