import ImageCore

/// Prices an edit before the call (from the catalogue's price rows) and after it (from the
/// provider's `usage`). Spec §3.
public enum CostModel {
    /// Text tokens are estimated at 4 characters each.
    static let charactersPerToken = 4

    /// The estimate for `request` on `profile`.
    ///
    /// `quality: auto` or unset is priced from the lowest to the highest quality; `size:
    /// auto` or unset from the smallest to the largest standard size (custom-size models:
    /// 1024×1024 to 3840×2160); input image tokens are not priced ahead (no published
    /// formula) and are noted.
    public static func estimate(_ request: EditRequest, profile: ModelProfile) -> CostEstimate {
        let settings = request.settings
        let count = settings.count ?? 1
        var notes: [String] = []
        let qualities: [EditQuality]
        if let quality = settings.quality, quality != .auto {
            qualities = [quality]
        } else {
            qualities = profile.qualities.filter { $0 != .auto }
            if qualities.count > 1 { notes.append("quality auto: priced from \(qualities.first!.rawValue) to \(qualities.last!.rawValue)") }
        }
        var sizes: [PixelSize]
        if case .exact(let size) = settings.size {
            sizes = [size]
        } else {
            switch profile.sizeRules {
            case .fixed(let list): sizes = list
            case .constrained: sizes = [PixelSize(width: 1024, height: 1024), PixelSize(width: 3840, height: 2160)]
            }
            if profile.acceptsSize { notes.append("size auto: priced over \(sizes.map { "\($0.width)x\($0.height)" }.joined(separator: ", "))") }
        }
        var perImage: [Double] = []
        var tokens: [Int] = []
        for quality in qualities.isEmpty ? [.auto] : qualities {
            for size in sizes {
                if let price = profile.outputPricing.dollars(size: size, quality: quality) { perImage.append(price) }
                if let t = profile.outputPricing.outputTokens(size: size, quality: quality) { tokens.append(t) }
            }
        }
        let partials = settings.partialImages ?? 0
        var partialCost = 0.0
        if partials > 0, let extra = profile.outputPricing.dollars(outputTokens: 100 * partials) {
            partialCost = extra
            notes.append("\(partials) partial image\(partials == 1 ? "" : "s"): +100 output tokens each (stated for gpt-image-1)")
        }
        let promptTokens = (request.finalPrompt.count + charactersPerToken - 1) / charactersPerToken
        let text = profile.textInputPerMillion.map { Double(promptTokens) * $0 / 1_000_000 } ?? 0
        if profile.imageInputPerMillion != nil {
            notes.append("input image tokens are billed too but cannot be priced before the call")
        }
        guard let minimum = perImage.min(), let maximum = perImage.max() else {
            notes.append("no price is known for \(profile.id) at these settings")
            return CostEstimate(outputPerImage: nil, outputTokensPerImage: nil, low: nil, high: nil, notes: notes)
        }
        let single = perImage.count == 1 || minimum == maximum
        return CostEstimate(
            outputPerImage: single ? minimum : nil, outputTokensPerImage: tokens.count == 1 ? tokens[0] : nil,
            low: Double(count) * (minimum + partialCost) + text, high: Double(count) * (maximum + partialCost) + text, notes: notes)
    }

    /// The cost reported by the provider's usage block: input text and image tokens at
    /// their rates, output tokens at the output rate (spec §3.1, §7: Images endpoints
    /// report output tokens as image tokens). Nil when the model is not priced by tokens.
    public static func actual(_ usage: EditUsage, profile: ModelProfile) -> Double? {
        guard let output = profile.outputPricing.dollars(outputTokens: usage.outputTokens) else { return nil }
        let text = Double(usage.textInputTokens ?? 0) * (profile.textInputPerMillion ?? 0) / 1_000_000
        let image = Double(usage.imageInputTokens ?? 0) * (profile.imageInputPerMillion ?? 0) / 1_000_000
        return output + text + image
    }
}
