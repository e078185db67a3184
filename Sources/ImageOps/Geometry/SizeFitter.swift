public import ImageCore
import RealModule

/// Chooses an output size a model accepts, as close as possible to the source's aspect
/// ratio and to the requested size, and the smallest crop or pad that reaches it exactly.
public enum SizeFitter {
    /// Long edges examined below (or, when raised to a minimum, above) the target, in
    /// steps of the edge multiple.
    public static let windowSteps = 4

    /// The plan for a `sourceSize` image.
    ///
    /// - Throws: `OperationError.sizeNotAllowed` for an exact size the rules refuse (with
    ///   the nearest valid sizes), `OperationError.aspectOutOfRange` when the source is
    ///   wider than the rules allow and `mode` is `.crop`.
    public static func plan(source sourceSize: PixelSize, rules: SizeRules, target: FitTarget, mode: FitMode) throws(OperationError) -> FitPlan {
        var warnings: [String] = []
        let sourceRatio = Double(sourceSize.width) / Double(sourceSize.height)
        let output: PixelSize
        switch (rules, target) {
        case (_, .exact(let size)):
            let broken = rules.violations(of: size)
            if !broken.isEmpty {
                throw .sizeNotAllowed(size, rule: broken.joined(separator: "; "), suggestions: nearestValid(to: size, rules: rules))
            }
            output = size
        case (.fixed(let sizes), _):
            output = sizes.min { a, b in
                let ea = ratioError(a, sourceRatio), eb = ratioError(b, sourceRatio)
                return ea != eb ? ea < eb : a.area > b.area
            }!
        case (.constrained(let c), _):
            var ratio = sourceRatio
            let maxRatio = c.maxAspectRatio
            if ratio > maxRatio || 1 / ratio > maxRatio {
                if mode == .crop {
                    throw .aspectOutOfRange(sourceRatio: max(ratio, 1 / ratio), maximumRatio: maxRatio, rule: "long/short must be at most \(maxRatio)")
                }
                ratio = ratio > 1 ? maxRatio : 1 / maxRatio
                warnings.append("aspect ratio clamped to \(maxRatio):1; the source is \(mode == .pad ? "padded" : "squeezed")")
            }
            output = try bestConstrained(ratio: ratio, constraints: c, rules: rules, target: target, sourceSize: sourceSize, warnings: &warnings)
        }
        let region = regionSize(source: sourceSize, output: output, mode: mode)
        return FitPlan(outputSize: output, regionSize: region, mode: mode,
                       experimental: rules.isExperimental(output), warnings: warnings)
    }

    /// The candidates examined for a constrained target: valid sizes whose long edge lies
    /// in the search window. Exposed so tests can check the choice against them.
    public static func candidates(ratio: Double, constraints c: SizeRules.Constraints, target: FitTarget, sourceSize: PixelSize) -> (sizes: [PixelSize], raised: Bool) {
        let m = c.edgeMultiple
        let wide = ratio >= 1
        let longPerShort = wide ? ratio : 1 / ratio
        let requested: Int
        switch target {
        case .tier(let edge), .longEdge(let edge): requested = edge
        case .exact(let size): requested = max(size.width, size.height)
        }
        let pixelCap = Int((Double(c.maxPixels) * longPerShort).squareRoot())
        let top = min(requested, c.maxEdge, pixelCap) / m * m
        let floorEdge = (Int((Double(c.minPixels) * longPerShort).squareRoot().rounded(.up)) + m - 1) / m * m
        let raised = top < floorEdge
        let edges: [Int] = raised
            ? Array(stride(from: floorEdge, through: min(c.maxEdge, floorEdge + windowSteps * m), by: m))
            : Array(stride(from: max(m, top - windowSteps * m), through: top, by: m))
        let rules = SizeRules.constrained(c)
        var sizes: [PixelSize] = []
        for long in edges {
            let ideal = Double(long) / longPerShort
            let lower = max(m, Int(ideal) / m * m)
            for short in [lower - m, lower, lower + m] where short >= m {
                let size = wide ? PixelSize(width: long, height: short) : PixelSize(width: short, height: long)
                if rules.violations(of: size).isEmpty { sizes.append(size) }
            }
        }
        return (sizes, raised)
    }

    /// |log(ratio of size ÷ wanted ratio)|: symmetric for wide and tall.
    public static func ratioError(_ size: PixelSize, _ ratio: Double) -> Double {
        abs(Double.log(Double(size.width) / Double(size.height) / ratio))
    }

    private static func bestConstrained(ratio: Double, constraints c: SizeRules.Constraints, rules: SizeRules, target: FitTarget,
                                        sourceSize: PixelSize, warnings: inout [String]) throws(OperationError) -> PixelSize {
        let (sizes, raised) = candidates(ratio: ratio, constraints: c, target: target, sourceSize: sourceSize)
        if raised { warnings.append("target raised to meet the minimum of \(c.minPixels) pixels") }
        let long = { (s: PixelSize) in max(s.width, s.height) }
        if let best = sizes.min(by: { a, b in
            let ea = ratioError(a, ratio), eb = ratioError(b, ratio)
            if abs(ea - eb) > 1e-12 { return ea < eb }
            return raised ? long(a) < long(b) : long(a) > long(b)
        }) {
            return best
        }
        let wanted = PixelSize(width: 1024, height: 1024)
        throw .sizeNotAllowed(wanted, rule: "no valid size near the requested target", suggestions: nearestValid(to: wanted, rules: rules))
    }

    /// The smallest crop (inside the source) or pad (around it) with the output's aspect
    /// ratio, to within rounding.
    public static func regionSize(source: PixelSize, output: PixelSize, mode: FitMode) -> PixelSize {
        if mode == .stretch { return source }
        let sw = source.width, sh = source.height
        let wantsWider = sw * output.height < output.width * sh   // source narrower than output
        switch (mode, wantsWider) {
        case (.crop, true):   // too tall: cut height
            return PixelSize(width: sw, height: max(1, Int((Double(sw) * Double(output.height) / Double(output.width)).rounded())))
        case (.crop, false):  // too wide (or exact): cut width
            return PixelSize(width: max(1, Int((Double(sh) * Double(output.width) / Double(output.height)).rounded())), height: sh)
        case (.pad, true):    // too tall: add width
            return PixelSize(width: Int((Double(sh) * Double(output.width) / Double(output.height)).rounded()), height: sh)
        case (.pad, false):   // too wide: add height
            return PixelSize(width: sw, height: Int((Double(sw) * Double(output.height) / Double(output.width)).rounded()))
        case (.stretch, _):
            return source
        }
    }

    /// Up to four valid sizes nearest to `size` (by edge distance), for error messages.
    public static func nearestValid(to size: PixelSize, rules: SizeRules) -> [PixelSize] {
        switch rules {
        case .fixed(let sizes):
            return sizes.sorted { distance($0, size) < distance($1, size) }
        case .constrained(let c):
            let m = c.edgeMultiple
            var found: [PixelSize] = []
            let centreW = max(m, (size.width + m / 2) / m * m)
            let ratio = Double(size.width) / Double(size.height)
            // Scale up or down to the pixel bounds first, keeping the ratio.
            var scale = 1.0
            if size.area < c.minPixels { scale = (Double(c.minPixels) / Double(size.area)).squareRoot() }
            if size.area > c.maxPixels { scale = (Double(c.maxPixels) / Double(size.area)).squareRoot() }
            let baseW = max(m, Int(Double(centreW) * scale) / m * m), baseH = max(m, Int(Double(baseW) / ratio) / m * m)
            for dw in -6...6 {
                for dh in -6...6 {
                    let candidate = PixelSize(width: baseW + dw * m, height: baseH + dh * m)
                    if candidate.width > 0, candidate.height > 0, rules.violations(of: candidate).isEmpty { found.append(candidate) }
                }
            }
            return Array(found.sorted { a, b in
                let ea = ratioError(a, ratio), eb = ratioError(b, ratio)
                return ea != eb ? ea < eb : distance(a, size) < distance(b, size)
            }.prefix(4))
        }
    }

    private static func distance(_ a: PixelSize, _ b: PixelSize) -> Int { abs(a.width - b.width) + abs(a.height - b.height) }
}
