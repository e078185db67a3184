public import ImageCore
public import ImageOps

/// What `CutoutJob` found and wrote. Encodes as `retouch cutout --json`: `{output, width,
/// height, backdrop: {color, kind, noise, jpegDetected}, tolerance, foregroundFraction,
/// subjectBox, holesRemoved, shadowPixels, warnings}`.
public struct CutoutJobReport: Sendable, Encodable {
    public var output: String
    /// The finished image's size.
    public var size: PixelSize
    public var cutout: CutoutReport
    public var shadows: CutoutOptions.Shadows

    private enum Keys: String, CodingKey {
        case output, width, height, backdrop, tolerance, foregroundFraction, subjectBox, holesRemoved, shadowPixels, warnings
        case color, kind, noise, jpegDetected
    }

    public func encode(to encoder: any Encoder) throws {
        let r = cutout
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(output, forKey: .output)
        try c.encode(size.width, forKey: .width)
        try c.encode(size.height, forKey: .height)
        var backdrop = c.nestedContainer(keyedBy: Keys.self, forKey: .backdrop)
        try backdrop.encode(r.backdrop.description, forKey: .color)
        try backdrop.encode(r.backdropKind, forKey: .kind)
        try backdrop.encode(r.noise, forKey: .noise)
        try backdrop.encode(r.lossyInput, forKey: .jpegDetected)
        try c.encode(r.tolerance, forKey: .tolerance)
        try c.encode(r.foregroundFraction, forKey: .foregroundFraction)
        try c.encodeIfPresent(r.subjectBox, forKey: .subjectBox)
        try c.encode(r.holesRemoved, forKey: .holesRemoved)
        try c.encode(r.shadowPixels, forKey: .shadowPixels)
        try c.encode(r.warnings, forKey: .warnings)
    }
}
