import ImageCodecs

/// `retouch inspect`: decodes a file (first frame of an animation) and reports what it is.
public enum InspectJob {
    /// - Throws: `FileAccessError`, or `FileError` naming `path` (undecodable).
    public static func run(_ path: String) throws -> InspectionReport {
        let bytes = try FileAccess.read(path)
        return try FileError.attributing(to: path) {
            // An animation's canvas is known from the header and may be far larger than
            // its frames (a 5 KB file can declare 10000×10000): it is not decoded, and
            // whether alpha is used is left unchecked.
            let metadata = try ImageCodec.readMetadata(bytes)
            if metadata.isAnimated {
                return InspectionReport(file: path, metadata: metadata, usesAlpha: nil, warnings: [
                    "animated \(metadata.format.rawValue.uppercased()) with \(metadata.frameCount) frames: the commands use the first frame only"])
            }
            let decoded = try ImageCodec.decode(bytes, options: DecodingOptions(animation: .firstFrame))
            var warnings = decoded.warnings
            if let conversion = decoded.colourConversion {
                warnings.append("the ICC profile is not sRGB: Retouch converts \(conversion) when it reads this file (LittleCMS, perceptual intent); --keep-icc keeps the original numbers and re-embeds the profile")
            }
            return InspectionReport(file: path, metadata: decoded.metadata, usesAlpha: !decoded.pixels.isOpaque, warnings: warnings)
        }
    }
}
