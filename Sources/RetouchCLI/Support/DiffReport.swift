import ImageOps

/// `retouch diff`'s report: the documented JSON shape and the text summary.
enum DiffReport {
    /// `{a, b, width, height, psnr, ssim, deltaE2000, changedPixels, changedFraction,
    /// pixelmatch, alignment, regions, alpha}`; `verdict` is added by `adding(verdict:to:)`.
    static func json(_ c: ImageComparison, a: String, b: String) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("a", .string(a)), ("b", .string(b)),
            ("width", .int(c.size.width)), ("height", .int(c.size.height)),
        ]
        members += metrics(c.whole).filter { $0.0 != "pixels" }
        members.insert(("pixelmatch", .int(c.pixelmatch)), at: members.count)
        members.append(("alignment", c.alignment.map { .object([("dx", .int($0.dx)), ("dy", .int($0.dy)), ("changedFraction", .double($0.changedFraction))]) } ?? .null))
        if let inside = c.inside, let outside = c.outside {
            members.append(("regions", .object([("inside", .object(metrics(inside))), ("outside", .object(metrics(outside)))])))
        } else {
            members.append(("regions", .null))
        }
        if let alpha = c.alpha {
            members.append(("alpha", .object([("max", .int(alpha.max)), ("mean", .double(alpha.mean)), ("changedPixels", .int(alpha.changedPixels))])))
        }
        return .object(members)
    }

    static func metrics(_ r: RegionMetrics) -> [(String, JSONValue)] {
        [
            ("pixels", .int(r.pixels)),
            ("psnr", r.psnr.map(JSONValue.double) ?? .null),
            ("ssim", r.ssim.map(JSONValue.double) ?? .null),
            ("deltaE2000", .object([("mean", .double(r.deltaE2000.mean)), ("p95", .double(r.deltaE2000.p95)),
                                    ("p99", .double(r.deltaE2000.p99)), ("max", .double(r.deltaE2000.max))])),
            ("changedPixels", .int(r.changedPixels)),
            ("changedFraction", .double(r.changedFraction)),
        ]
    }

    static func adding(verdict violations: [String], to report: JSONValue) -> JSONValue {
        guard case .object(var members) = report else { return report }
        members.append(("verdict", .object([("ok", .bool(violations.isEmpty)), ("violations", .array(violations.map(JSONValue.string)))])))
        return .object(members)
    }

    static func text(_ c: ImageComparison, a: String, b: String) -> [String] {
        func line(_ name: String, _ r: RegionMetrics) -> String {
            let psnr = r.psnr.map { format($0, 2) + " dB" } ?? "identical"
            let ssim = r.ssim.map { format($0, 4) } ?? "n/a"
            return "  \(name.padded(to: 8))PSNR \(psnr), SSIM \(ssim), ΔE00 mean \(format(r.deltaE2000.mean, 2)) p95 \(format(r.deltaE2000.p95, 2)) max \(format(r.deltaE2000.max, 1)), changed \(r.changedPixels) px (\(format(r.changedFraction * 100, 2)) %)"
        }
        var lines = ["\(a) → \(b): \(c.size.width)x\(c.size.height)", line("all", c.whole)]
        if let inside = c.inside, let outside = c.outside {
            lines.append(line("inside", inside))
            lines.append(line("outside", outside))
        }
        lines.append("  pixelmatch \(c.pixelmatch) px")
        if let alignment = c.alignment, alignment.dx != 0 || alignment.dy != 0 {
            lines.append("  best alignment: B shifted by \(alignment.dx),\(alignment.dy) px; changed there \(format(alignment.changedFraction * 100, 2)) %")
        }
        if let alpha = c.alpha { lines.append("  alpha: max difference \(alpha.max), \(alpha.changedPixels) px differ") }
        return lines
    }

    static func format(_ value: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return String(rounded)
    }
}
