import EditProviders
import ImageOps

extension EditReport {
    /// The text summary: call, cost, drift.
    var text: [String] {
        var lines = ["\(output): \(outputSize.width)x\(outputSize.height) from \(provider) \(model)\(requestedSize.map { " at \($0)" } ?? "")"]
        lines.append("  cost     estimate \(estimate.rangeText)\(actualCost.map { "; actual $\(CostEstimate.dollars($0))" } ?? "")")
        if let usage { lines.append("  usage    \(usage.inputTokens) input tokens, \(usage.outputTokens) output tokens") }
        func line(_ name: String, _ r: EditDrift.Regions) -> String {
            let outside = r.outside.map { ", outside the mask \(Decimals.format($0.changedFraction * 100, 2)) % changed (significant \(Decimals.format((r.significant.outside ?? 0) * 100, 2)) %)" } ?? ""
            let inside = r.inside.map { ", inside \(Decimals.format($0.changedFraction * 100, 1)) %" } ?? ""
            return "  \(name.padded(to: 9))ΔE00 mean \(Decimals.format(r.whole.deltaE2000.mean, 2))\(outside)\(inside)"
        }
        lines.append(line("model", drift.beforePasteBack))
        if let after = drift.afterPasteBack, let pasteBack { lines.append(line("pasted", after) + " (\(pasteBack))") }
        lines.append("  took     \(Decimals.format(seconds, 2)) s, \(attempts) attempt\(attempts == 1 ? "" : "s")\(requestID.map { ", request \($0)" } ?? ""); our own work \(Int((timings.ours * 1000).rounded())) ms")
        return lines
    }
}

extension CostEstimate {
    /// "$0.211" or "$0.006–$0.211", or "unknown".
    var rangeText: String {
        guard let low, let high else { return "unknown" }
        return low == high || CostEstimate.dollars(low) == CostEstimate.dollars(high) ? "$\(CostEstimate.dollars(high))" : "$\(CostEstimate.dollars(low))–$\(CostEstimate.dollars(high))"
    }
}

extension DryRunPlan {
    /// The request, field by field, then the size decision and the price.
    var text: [String] {
        var lines = ["dry run: nothing is sent", "  \(endpoint)"]
        for field in fields {
            if let value = field.value {
                let shown = value.count > 200 ? String(value.prefix(200)) + "… (\(value.count) characters)" : value
                lines.append("    \(field.name.padded(to: 19))\(shown)")
            } else {
                lines.append("    \(field.name.padded(to: 19))\(field.filename ?? "") \(field.contentType ?? "") \(field.size ?? "") \(field.bytes ?? 0) bytes")
            }
        }
        lines.append("  prompt   \(prompt)")
        lines.append("  size     \(sizeDecision)")
        if let perImage = estimate.outputPerImage {
            lines.append("  cost     $\(CostEstimate.dollars(perImage)) for the output image\(estimate.outputTokensPerImage.map { " (\($0) output tokens)" } ?? ""); call \(estimate.rangeText)")
        } else {
            lines.append("  cost     \(estimate.rangeText)")
        }
        estimate.notes.forEach { lines.append("           \($0)") }
        warnings.forEach { lines.append("  warning  \($0)") }
        return lines
    }
}
