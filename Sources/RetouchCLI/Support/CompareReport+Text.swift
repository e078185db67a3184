import ImageOps
import ImagePipeline

extension CompareReport {
    /// The text summary: one line per region, then pixelmatch, alignment and alpha.
    var text: [String] {
        let c = comparison
        func line(_ name: String, _ r: RegionMetrics) -> String {
            let psnr = r.psnr.map { Decimals.format($0, 2) + " dB" } ?? "identical"
            let ssim = r.ssim.map { Decimals.format($0, 4) } ?? "n/a"
            return "  \(name.padded(to: 8))PSNR \(psnr), SSIM \(ssim), ΔE00 mean \(Decimals.format(r.deltaE2000.mean, 2)) p95 \(Decimals.format(r.deltaE2000.p95, 2)) max \(Decimals.format(r.deltaE2000.max, 1)), changed \(r.changedPixels) px (\(Decimals.format(r.changedFraction * 100, 2)) %)"
        }
        var lines = ["\(a) → \(b): \(c.size.width)x\(c.size.height)", line("all", c.whole)]
        if let inside = c.inside, let outside = c.outside {
            lines.append(line("inside", inside))
            lines.append(line("outside", outside))
        }
        lines.append("  pixelmatch \(c.pixelmatch ?? 0) px")
        let s = c.significant
        let split = s.inside.map { inside in ", inside \(Decimals.format(inside * 100, 2)) %, outside \(Decimals.format((s.outside ?? 0) * 100, 2)) %" } ?? ""
        lines.append("  significant \(s.regionCount) region\(s.regionCount == 1 ? "" : "s"), \(Decimals.format(s.changedFraction * 100, 2)) % of the image\(split) (above the codec noise floor)")
        if let alignment = c.alignment, alignment.dx != 0 || alignment.dy != 0 {
            lines.append("  best alignment: B shifted by \(alignment.dx),\(alignment.dy) px; changed there \(Decimals.format(alignment.changedFraction * 100, 2)) %")
        }
        if let alpha = c.alpha { lines.append("  alpha: max difference \(alpha.max), \(alpha.changedPixels) px differ") }
        return lines
    }
}
