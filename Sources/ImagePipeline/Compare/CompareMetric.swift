public import ImageOps

/// One number of a `CompareReport` that a budget can check, named as its JSON path
/// (`ssim`, `deltaE2000.p95`, `outside.changedFraction`, `regions.inside.psnr`,
/// `alignment.dx`, `alpha.max`, `pixelmatch`, `significant.outside`, …).
public struct CompareMetric: Sendable, Hashable, CustomStringConvertible {
    /// Which region a region metric is for.
    public enum Region: String, Sendable, Hashable {
        case whole, inside, outside
    }

    /// What is read.
    public enum Value: Sendable, Hashable {
        case width, height, pixelmatch
        /// `pixels` (inside/outside only), `psnr`, `ssim`, `deltaE2000.mean|p95|p99|max`,
        /// `changedPixels`, `changedFraction`.
        case region(Region, String)
        /// `dx`, `dy`, `changedFraction`.
        case alignment(String)
        /// `max`, `mean`, `changedPixels`.
        case alpha(String)
        /// `changedFraction`, `inside`, `outside` (fractions of significant change),
        /// `regions` (their count).
        case significant(String)
    }

    /// The key as the user wrote it.
    public var key: String
    public var value: Value

    public var description: String { key }

    static let regionFields = ["psnr", "ssim", "deltaE2000.mean", "deltaE2000.p95", "deltaE2000.p99", "deltaE2000.max",
                               "changedPixels", "changedFraction"]

    /// Parses a JSON path of the report; nil when the report has no number there.
    public init?(_ key: String) {
        self.key = key
        var path = key
        if path.hasPrefix("regions.") { path.removeFirst("regions.".count) }
        switch path {
        case "width": value = .width
        case "height": value = .height
        case "pixelmatch": value = .pixelmatch
        case "alignment.dx", "alignment.dy", "alignment.changedFraction":
            value = .alignment(String(path.dropFirst("alignment.".count)))
        case "alpha.max", "alpha.mean", "alpha.changedPixels":
            value = .alpha(String(path.dropFirst("alpha.".count)))
        case "significant.changedFraction", "significant.inside", "significant.outside", "significant.regions":
            value = .significant(String(path.dropFirst("significant.".count)))
        default:
            for region in [Region.inside, .outside] where path.hasPrefix(region.rawValue + ".") {
                let field = String(path.dropFirst(region.rawValue.count + 1))
                guard Self.regionFields.contains(field) || field == "pixels" else { return nil }
                value = .region(region, field)
                return
            }
            guard !key.hasPrefix("regions."), Self.regionFields.contains(path) else { return nil }
            value = .region(.whole, path)
        }
    }

    /// The metric's value in `report`; a nil PSNR (identical pixels) is +∞.
    ///
    /// - Throws: `PipelineError.metricUnavailable` when the report has no such part
    ///   (inside/outside without a mask, alpha without alpha, no alignment).
    public func value(in report: CompareReport) throws(PipelineError) -> Double {
        let c = report.comparison
        switch value {
        case .width: return Double(c.size.width)
        case .height: return Double(c.size.height)
        case .pixelmatch: return Double(c.pixelmatch ?? 0)
        case .alignment(let field):
            guard let a = c.alignment else { throw .metricUnavailable(key: key, reason: "no alignment was searched") }
            return field == "dx" ? Double(a.dx) : field == "dy" ? Double(a.dy) : a.changedFraction
        case .alpha(let field):
            guard let a = c.alpha else { throw .metricUnavailable(key: key, reason: "neither image has alpha") }
            return field == "max" ? Double(a.max) : field == "mean" ? a.mean : Double(a.changedPixels)
        case .significant, .region:
            return try value(whole: c.whole, inside: c.inside, outside: c.outside, significant: c.significant)
        }
    }

    /// The metric's value among region metrics and significant change alone (an edit's
    /// drift report); a nil PSNR is +∞.
    ///
    /// - Throws: `PipelineError.metricUnavailable` for a metric these do not hold (size,
    ///   pixelmatch, alignment, alpha) or a region that is missing.
    public func value(whole: RegionMetrics, inside: RegionMetrics?, outside: RegionMetrics?, significant s: SignificantChange) throws(PipelineError) -> Double {
        switch value {
        case .width, .height, .pixelmatch, .alignment, .alpha:
            throw .metricUnavailable(key: key, reason: "only region metrics and significant.* are measured for an edit")
        case .significant(let field):
            switch field {
            case "regions": return Double(s.regionCount)
            case "inside", "outside":
                guard let value = field == "inside" ? s.inside : s.outside else { throw .metricUnavailable(key: key, reason: "inside and outside need --mask") }
                return value
            default: return s.changedFraction
            }
        case .region(let region, let field):
            let metrics = region == .whole ? whole : region == .inside ? inside : outside
            guard let r = metrics else { throw .metricUnavailable(key: key, reason: "inside and outside need --mask") }
            switch field {
            case "pixels": return Double(r.pixels)
            case "psnr": return r.psnr ?? .infinity
            case "ssim":
                guard let ssim = r.ssim else { throw .metricUnavailable(key: key, reason: "SSIM is not measured here, or the region has no pixel away from the 5-pixel border") }
                return ssim
            case "deltaE2000.mean": return r.deltaE2000.mean
            case "deltaE2000.p95": return r.deltaE2000.p95
            case "deltaE2000.p99": return r.deltaE2000.p99
            case "deltaE2000.max": return r.deltaE2000.max
            case "changedPixels": return Double(r.changedPixels)
            default: return r.changedFraction
            }
        }
    }
}
