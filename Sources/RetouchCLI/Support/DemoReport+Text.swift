import EditProviders
import ImageCodecs
import ImageOps
import ImagePipeline

extension DemoReport {
    /// The demo's tables, one per stage, and the closing line.
    func text(fixtures: String, output: String) -> [String] {
        func pad(_ text: String, _ width: Int) -> String { text.padded(to: width) }
        var lines = ["retouch demo: \(names.count) images from \(fixtures) → \(output)", ""]
        lines.append(pad("file", 34) + pad("format", 8) + pad("stored", 11) + pad("orient", 7) + pad("upright", 11) + pad("alpha", 6) + "output")
        for row in upright {
            let m = row.metadata
            lines.append(pad(row.name, 34) + pad(m.format.rawValue, 8) + pad("\(m.width)×\(m.height)", 11)
                + pad("\(m.orientation.rawValue)", 7) + pad("\(row.uprightSize.width)×\(row.uprightSize.height)", 11)
                + pad(row.usesAlpha ? "yes" : "no", 6) + row.outputPath)
        }
        lines += ["", "stage 2: prepare"]
        lines.append(pad("file", 34) + pad("target", 22) + pad("output", 11) + pad("decode", 7) + "crop / pad")
        for row in prepared {
            let r = row.report
            let framing = r.crop.map { "crop \($0.width)×\($0.height)+\($0.x)+\($0.y)" } ?? r.pad.map { "pad \($0.left),\($0.top),\($0.right),\($0.bottom)" } ?? "whole frame"
            lines.append(pad(row.name, 34) + pad(row.label, 22) + pad("\(r.outputSize.width)×\(r.outputSize.height)", 11)
                + pad("1/\(r.decodeScaleDenominator)", 7) + framing)
        }
        lines += ["", "stage 3: mask (centre ellipse + brush stroke, grow 2 %, feather 3 %; a cut-out's alpha protects its subject)"]
        lines.append(pad("file", 34) + pad("mask", 36) + pad("selected", 10) + "preview")
        for row in masked {
            lines.append(pad(row.name, 34) + pad(FilePath.lastComponent(of: row.maskPath), 36)
                + pad("\(Int(row.statistics.selectedPercent.rounded())) %", 10) + FilePath.lastComponent(of: row.previewPath))
        }
        lines += ["", "stage 4: edit (local provider: the masked area filled from its surroundings, the source pasted back outside the mask)"]
        lines.append(pad("file", 34) + pad("output", 11) + pad("inside changed", 16) + pad("outside changed", 17) + "result")
        for row in edited {
            let after = row.report.drift.afterPasteBack ?? row.report.drift.beforePasteBack
            func percent(_ r: RegionMetrics?) -> String { r.map { Decimals.format($0.changedFraction * 100, 1) + " %" } ?? "-" }
            lines.append(pad(row.name, 34) + pad("\(row.report.outputSize.width)×\(row.report.outputSize.height)", 11)
                + pad(percent(after.inside), 16) + pad(percent(after.outside), 17) + FilePath.lastComponent(of: row.report.output))
        }
        lines += ["", "stage 5: cutout (backdrop → alpha; warnings route photos that are not products on a plain backdrop)"]
        lines.append(pad("file", 34) + pad("backdrop", 18) + pad("subject", 9) + "verdict")
        for row in cutOut {
            let r = row.report
            let verdict = r.warnings.isEmpty ? FilePath.lastComponent(of: row.outputPath)
                : "route elsewhere (border noise \(Int(r.noise.rounded())) levels, \(r.warnings.count) warning\(r.warnings.count == 1 ? "" : "s"))"
            lines.append(pad(row.name, 34) + pad("\(r.backdrop) \(r.backdropKind)", 18)
                + pad(Decimals.format(r.foregroundFraction * 100, 0) + " %", 9) + verdict)
        }
        lines += ["", "stage 6: diff (a simulated edit: the mask area recoloured, then a JPEG q92 4:4:4 round trip)"]
        lines.append(pad("file", 34) + pad("SSIM", 8) + pad("inside changed", 16) + pad("outside changed", 17) + pad("outside significant", 21) + "heatmap")
        for row in compared {
            let c = row.comparison
            func percent(_ r: RegionMetrics?) -> String { r.map { Decimals.format($0.changedFraction * 100, 1) + " %" } ?? "-" }
            lines.append(pad(row.name, 34) + pad(c.whole.ssim.map { Decimals.format($0, 3) } ?? "-", 8)
                + pad(percent(c.inside), 16) + pad(percent(c.outside), 17)
                + pad(c.significant.outside.map { Decimals.format($0 * 100, 1) + " %" } ?? "-", 21) + FilePath.lastComponent(of: row.heatmapPath))
        }
        lines += ["", "\(names.count) images: written upright, prepared twice, masked, edited, cut out and diffed into \(output) in \(Self.describe(elapsed))\(failures.isEmpty ? "" : "; \(failures.count) failures")"]
        return lines
    }

    /// "1.23 s" or "456 ms".
    static func describe(_ duration: Duration) -> String {
        let milliseconds = Int((Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15).rounded())
        return milliseconds >= 1000 ? "\(milliseconds / 1000).\(String(milliseconds % 1000 / 10).paddedLeft(2)) s" : "\(milliseconds) ms"
    }
}
