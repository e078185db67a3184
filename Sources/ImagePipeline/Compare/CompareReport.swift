public import ImageOps

/// What `CompareJob` measured. Encodes as `retouch diff --json`: `{a, b, width, height,
/// psnr, ssim, deltaE2000, changedPixels, changedFraction, pixelmatch, alignment,
/// regions: {inside, outside} | null, alpha (only when either image has alpha),
/// significant: {regions, changedFraction, inside, outside, regionCount}, verdict: {ok,
/// violations}}`.
public struct CompareReport: Sendable, Encodable {
    /// The two inputs as named.
    public var a: String
    public var b: String
    public var comparison: ImageComparison
    /// The budgets that were exceeded, described ("ssim = 0.8 is below the minimum 0.9").
    public var violations: [String]
    /// What the user should know about how the comparison was made (printed on
    /// standard error, not part of the JSON).
    public var warnings: [String] = []

    private enum Keys: String, CodingKey {
        case a, b, width, height, psnr, ssim, deltaE2000, changedPixels, changedFraction, pixelmatch, alignment, regions, alpha, significant, verdict
        case inside, outside, ok, violations
    }

    public func encode(to encoder: any Encoder) throws {
        let c = comparison
        var k = encoder.container(keyedBy: Keys.self)
        try k.encode(a, forKey: .a)
        try k.encode(b, forKey: .b)
        try k.encode(c.size.width, forKey: .width)
        try k.encode(c.size.height, forKey: .height)
        try k.encodeIfPresent(c.whole.psnr, forKey: .psnr)
        try k.encodeIfPresent(c.whole.ssim, forKey: .ssim)
        try k.encode(c.whole.deltaE2000, forKey: .deltaE2000)
        try k.encode(c.whole.changedPixels, forKey: .changedPixels)
        try k.encode(c.whole.changedFraction, forKey: .changedFraction)
        try k.encode(c.pixelmatch, forKey: .pixelmatch)
        try k.encodeIfPresent(c.alignment, forKey: .alignment)
        if let inside = c.inside, let outside = c.outside {
            var regions = k.nestedContainer(keyedBy: Keys.self, forKey: .regions)
            try regions.encode(inside, forKey: .inside)
            try regions.encode(outside, forKey: .outside)
        } else {
            try k.encodeNil(forKey: .regions)
        }
        if let alpha = c.alpha { try k.encode(alpha, forKey: .alpha) }
        try k.encode(c.significant, forKey: .significant)
        var verdict = k.nestedContainer(keyedBy: Keys.self, forKey: .verdict)
        try verdict.encode(violations.isEmpty, forKey: .ok)
        try verdict.encode(violations, forKey: .violations)
    }
}
