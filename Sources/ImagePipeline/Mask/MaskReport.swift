import ImageCore
public import ImageOps

/// What `MaskJob` wrote. Encodes as `retouch mask --json`: `{output, width, height,
/// convention, bytes, selectedPixels, selectedArea, selectedPercent, boundingBox,
/// warnings}` (area rounded to 0.01 px, percent to 0.001).
public struct MaskReport: Sendable, Encodable {
    public var output: String
    public var statistics: MaskStatistics
    public var convention: MaskConvention
    /// Size of the written PNG.
    public var bytes: Int
    /// Selects nothing, or everything.
    public var warnings: [String]

    private enum Keys: String, CodingKey {
        case output, width, height, convention, bytes, selectedPixels, selectedArea, selectedPercent, boundingBox, warnings
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(output, forKey: .output)
        try c.encode(statistics.size.width, forKey: .width)
        try c.encode(statistics.size.height, forKey: .height)
        try c.encode(convention.rawValue, forKey: .convention)
        try c.encode(bytes, forKey: .bytes)
        try c.encode(statistics.selectedPixels, forKey: .selectedPixels)
        try c.encode((statistics.selectedArea * 100).rounded() / 100, forKey: .selectedArea)
        try c.encode((statistics.selectedPercent * 1000).rounded() / 1000, forKey: .selectedPercent)
        try c.encodeIfPresent(statistics.boundingBox, forKey: .boundingBox)
        try c.encode(warnings, forKey: .warnings)
    }
}
