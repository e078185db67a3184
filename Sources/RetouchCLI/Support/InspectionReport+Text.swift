import ImageCodecs
import ImagePipeline

extension InspectionReport {
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
            "  alpha        \(m.hasAlphaChannel ? "channel present" : "none")\(m.hasAlphaChannel ? usesAlpha.map { $0 ? ", used" : ", all pixels opaque" } ?? ", use not checked (animation)" : "")",
            "  icc profile  \(iccText.map { "\($0) (\(m.iccProfile?.count ?? 0) bytes, \(m.iccColourSpace ?? "unreadable")\(m.iccIsSRGB == true ? ", sRGB" : ", not sRGB"))" } ?? "none")",
            "  metadata     EXIF \(yesNo(m.hasEXIF)), GPS \(yesNo(m.hasGPS)), XMP \(yesNo(m.hasXMP)), C2PA \(yesNo(m.hasC2PA))",
            "  animated     \(m.isAnimated ? "yes, \(m.frameCount) frames" : "no")",
            "  bytes        \(m.byteCount)",
        ]
        lines += warnings.map { "  warning      \($0)" }
        return lines
    }
}
