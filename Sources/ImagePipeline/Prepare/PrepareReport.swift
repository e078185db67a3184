public import ImageCodecs
public import ImageCore
public import ImageOps

/// What `PrepareJob` did, in upright source pixels. Encodes as the documented
/// `retouch prepare --json` shape: `{input: {width, height, orientation}, crop: {x, y,
/// width, height}, pad: {left, top, right, bottom}, scale, output: {width, height, format,
/// bytes}, model: {id, valid, experimental, warnings}, gravity: {rule, retention,
/// areaKept}, decodeScale, mask}`.
public struct PrepareReport: Sendable, Hashable, Encodable {
    /// Stored size and EXIF orientation of the input, and its upright size.
    public var inputSize: PixelSize
    public var orientation: Orientation
    public var uprightSize: PixelSize
    /// The source region kept (crop), inside the upright source.
    public var crop: PixelRect?
    /// Borders added, in source pixels (left, top, right, bottom).
    public var pad: PixelInsets?
    /// Output pixels per source pixel (horizontal).
    public var scale: Double
    public var transform: FitTransform
    public var outputSize: PixelSize
    /// The JPEG DCT scale used on load (1 = full size).
    public var decodeScaleDenominator: Int
    /// The name of the size rules (the model id), whether the size is valid under them and
    /// experimental, and notes.
    public var sizeRulesName: String?
    public var sizeValid: Bool
    public var experimental: Bool
    public var warnings: [String]
    /// The gravity rule used.
    public var gravity: Gravity
    /// The share 0…1 of the importance mass kept (see `CropPlacement.Result.retention`);
    /// nil when only the crop was decoded (a centre or focal crop of a JPEG), so the
    /// rest of the image was never seen.
    public var retention: Double?
    /// The share 0…1 of the upright image's area kept (1 when nothing is cut).
    public var areaKept: Double
    /// The written output's format and size in bytes, and the mask written beside it
    /// (set by `PrepareJob.run`).
    public var outputFormat: ImageFormat?
    public var outputBytes: Int?
    public var maskPath: String?

    private enum Keys: String, CodingKey {
        case input, crop, pad, scale, output, model, gravity, decodeScale, mask
        case width, height, orientation, format, bytes, id, valid, experimental, warnings, rule, retention, areaKept
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        var input = c.nestedContainer(keyedBy: Keys.self, forKey: .input)
        try input.encode(uprightSize.width, forKey: .width)
        try input.encode(uprightSize.height, forKey: .height)
        try input.encode(orientation.rawValue, forKey: .orientation)
        try c.encodeIfPresent(crop, forKey: .crop)
        try c.encodeIfPresent(pad, forKey: .pad)
        try c.encode((scale * 1_000_000).rounded() / 1_000_000, forKey: .scale)
        var output = c.nestedContainer(keyedBy: Keys.self, forKey: .output)
        try output.encode(outputSize.width, forKey: .width)
        try output.encode(outputSize.height, forKey: .height)
        try output.encodeIfPresent(outputFormat?.rawValue, forKey: .format)
        try output.encodeIfPresent(outputBytes, forKey: .bytes)
        var model = c.nestedContainer(keyedBy: Keys.self, forKey: .model)
        try model.encodeIfPresent(sizeRulesName, forKey: .id)
        try model.encode(sizeValid, forKey: .valid)
        try model.encode(experimental, forKey: .experimental)
        try model.encode(warnings, forKey: .warnings)
        var rule = c.nestedContainer(keyedBy: Keys.self, forKey: .gravity)
        try rule.encode(gravity.description, forKey: .rule)
        try rule.encode(retention.map { ($0 * 10_000).rounded() / 10_000 }, forKey: .retention)
        try rule.encode((areaKept * 10_000).rounded() / 10_000, forKey: .areaKept)
        try c.encode("1/\(decodeScaleDenominator)", forKey: .decodeScale)
        try c.encodeIfPresent(maskPath, forKey: .mask)
    }
}
