import EditHistory
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
        func percent(_ value: Double?, _ digits: Int = 1) -> String { value.map { Decimals.format($0 * 100, digits) + " %" } ?? "-" }
        func editRows(_ title: String, _ rows: [Edited]) {
            lines += ["", title]
            lines.append(pad("file", 34) + pad("version", 9) + pad("status", 9) + pad("cost", 9) + pad("inside changed", 16) + pad("outside significant", 21) + "result")
            for row in rows {
                let after = row.report.drift.afterPasteBack ?? row.report.drift.beforePasteBack
                let cost = row.report.actualCost.map { "$" + CostEstimate.dollars($0) } ?? "?"
                lines.append(pad(row.name, 34) + pad("v\(row.version)" + (row.parent.map { "←v\($0)" } ?? ""), 9) + pad(row.status.rawValue, 9) + pad(cost, 9)
                    + pad(percent(after.inside?.changedFraction), 16) + pad(percent(after.significant.outside, 2), 21) + FilePath.lastComponent(of: row.report.output))
            }
        }
        let who = edited.first.map { "\($0.report.provider) \($0.report.model)" } ?? "the provider"
        editRows("stage 4: edit (\(who): the masked area edited, the source pasted back outside the mask, recorded in \(workspace))", edited)
        editRows("stage 5: a second round refining each version (edit --from)", refined)
        lines += ["", "stage 6: cutout (backdrop → alpha; warnings route photos that are not products on a plain backdrop)"]
        lines.append(pad("file", 34) + pad("backdrop", 18) + pad("subject", 9) + "verdict")
        for row in cutOut {
            let r = row.report
            let verdict = r.warnings.isEmpty ? FilePath.lastComponent(of: row.outputPath)
                : "route elsewhere (border noise \(Int(r.noise.rounded())) levels, \(r.warnings.count) warning\(r.warnings.count == 1 ? "" : "s"))"
            lines.append(pad(row.name, 34) + pad("\(r.backdrop) \(r.backdropKind)", 18)
                + pad(Decimals.format(r.foregroundFraction * 100, 0) + " %", 9) + verdict)
        }
        lines += ["", "stage 7: diff (the final version against the original, inside and outside the mask)"]
        lines.append(pad("file", 34) + pad("version", 9) + pad("ΔE00 mean", 11) + pad("inside changed", 16) + pad("outside changed", 17) + pad("outside significant", 21) + "heatmap")
        for row in compared {
            let c = row.comparison
            lines.append(pad(row.name, 34) + pad("v\(row.version)", 9) + pad(Decimals.format(c.whole.deltaE2000.mean, 2), 11)
                + pad(percent(c.inside?.changedFraction), 16) + pad(percent(c.outside?.changedFraction), 17)
                + pad(percent(c.significant.outside), 21) + FilePath.lastComponent(of: row.heatmapPath))
        }
        let spent = history.compactMap(\.actualCost).reduce(0, +)
        lines += ["", "stage 8: history (\(history.count) version\(history.count == 1 ? "" : "s") in \(workspace), $\(CostEstimate.dollars(spent)) spent; `retouch history --workspace \(workspace)`)"]
        for e in history {
            lines.append("  " + pad(e.id, 6) + pad(e.parent ?? "source", 8) + pad(e.status.rawValue, 9) + pad(e.source, 32) + e.prompt)
        }
        lines += ["", "stage 9: export (the final versions for \(exported.first?.report.channel ?? "a channel"), metadata stripped, within the byte limit)"]
        lines.append(pad("file", 34) + pad("version", 9) + pad("size", 11) + pad("quality", 9) + pad("bytes", 10) + "output")
        for row in exported {
            let r = row.report
            lines.append(pad(row.name, 34) + pad("v\(row.version)", 9) + pad("\(r.width)×\(r.height)", 11) + pad(r.quality.map(String.init) ?? "-", 9)
                + pad("\(r.bytes)", 10) + FilePath.lastComponent(of: r.output))
        }
        lines += ["", "\(names.count) images: written upright, prepared twice, masked, edited in two rounds, cut out, diffed and exported into \(output) in \(Self.describe(elapsed))\(failures.isEmpty ? "" : "; \(failures.count) failures")"]
        if let review {
            lines.append("review report (open it in a browser): \(review.output)")
        }
        return lines
    }

    /// "1.23 s" or "456 ms".
    static func describe(_ duration: Duration) -> String {
        let milliseconds = Int((Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15).rounded())
        return milliseconds >= 1000 ? "\(milliseconds / 1000).\(String(milliseconds % 1000 / 10).paddedLeft(2)) s" : "\(milliseconds) ms"
    }
}
