import ImagePipeline

extension PrepareReport {
    /// The text summary: input, crop or pad, output, model, mask.
    func text(input: String, output: String) -> [String] {
        var lines = ["\(input) → \(output)"]
        lines.append("  input    \(uprightSize) upright (orientation \(orientation.rawValue))\(decodeScaleDenominator > 1 ? ", decoded at 1/\(decodeScaleDenominator)" : "")")
        if let crop { lines.append("  crop     \(crop.width)×\(crop.height) at \(crop.x),\(crop.y) (gravity \(gravity), \(keptText))") }
        if let pad { lines.append("  pad      left \(pad.left), top \(pad.top), right \(pad.right), bottom \(pad.bottom)") }
        lines.append("  output   \(outputSize) \(outputFormat.map { "\($0)" } ?? "?"), \(outputBytes ?? 0) bytes, scale \((scale * 10_000).rounded() / 10_000)")
        if let id = sizeRulesName { lines.append("  model    \(id): \(sizeValid ? "valid" : "INVALID")\(experimental ? ", experimental size" : "")") }
        if let maskPath { lines.append("  mask     \(maskPath)") }
        return lines
    }

    /// "kept 67 % of the area, 95 % of the importance".
    private var keptText: String {
        func percent(_ value: Double) -> String { "\(Int((value * 100).rounded())) %" }
        return "kept \(percent(areaKept)) of the area" + (retention.map { ", \(percent($0)) of the importance" } ?? "")
    }
}
