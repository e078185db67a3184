import EditProviders
import ImageCore
import ImageOps

/// One provider as `retouch providers` lists it.
struct ProviderListing: Encodable {
    var entry: EditProviderRegistry.Entry
    var keyConfigured: Bool
    var models: [ModelProfile]

    private enum Keys: String, CodingKey {
        case id, summary, keyVariable, keyConfigured, baseURL, models
        case model, sizes, qualities, outputFormats, transparency, inputFidelity, maxInputImages, maxPromptLength, mask, maxImageBytes, price
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(entry.id, forKey: .id)
        try c.encode(entry.summary, forKey: .summary)
        try c.encodeIfPresent(entry.keyVariable, forKey: .keyVariable)
        try c.encode(keyConfigured, forKey: .keyConfigured)
        try c.encode(entry.baseURL, forKey: .baseURL)
        var list = c.nestedUnkeyedContainer(forKey: .models)
        for profile in models {
            var m = list.nestedContainer(keyedBy: Keys.self)
            try m.encode(profile.id, forKey: .model)
            try m.encode(Self.sizes(profile), forKey: .sizes)
            try m.encode(profile.qualities.map(\.rawValue), forKey: .qualities)
            try m.encode(profile.outputFormats.map(\.rawValue), forKey: .outputFormats)
            try m.encode(profile.transparency, forKey: .transparency)
            try m.encode(Self.fidelity(profile), forKey: .inputFidelity)
            try m.encode(profile.maxInputImages, forKey: .maxInputImages)
            try m.encode(profile.maxPromptLength, forKey: .maxPromptLength)
            try m.encode(profile.acceptsMask ? profile.maskRules.convention.rawValue : "none", forKey: .mask)
            try m.encode(profile.maxImageBytes, forKey: .maxImageBytes)
            try m.encode(Self.price(profile), forKey: .price)
        }
    }

    static func sizes(_ profile: ModelProfile) -> String {
        guard profile.acceptsSize else { return "follows the input (no size parameter)" }
        switch profile.sizeRules {
        case .fixed(let list): return list.map { "\($0.width)x\($0.height)" }.joined(separator: ", ") + ", auto"
        case .constrained(let c):
            if profile.provider == "local" { return "any (the source's)" }
            return "edges multiples of \(c.edgeMultiple), long edge ≤ \(c.maxEdge), ratio ≤ \(Decimals.format(c.maxAspectRatio, 2)):1, \(c.minPixels)–\(c.maxPixels) pixels"
                + (c.experimentalAbovePixels.map { ", experimental above \($0)" } ?? "") + ", auto"
        }
    }

    static func fidelity(_ profile: ModelProfile) -> String {
        switch profile.inputFidelity {
        case .omit: "not accepted"
        case .lowOnly: "low"
        case .lowAndHigh: "low, high"
        }
    }

    /// One line: the 1024×1024 output at each quality, or the flat price.
    static func price(_ profile: ModelProfile) -> String {
        let square = PixelSize(width: 1024, height: 1024)
        switch profile.outputPricing {
        case .flat(let dollars): return dollars == 0 ? "free" : "$\(CostEstimate.dollars(dollars)) per image"
        case .unknown: return "not published"
        default:
            let rows = [EditQuality.low, .medium, .high].compactMap { q in profile.outputPricing.dollars(size: square, quality: q).map { "\(q.rawValue) $\(CostEstimate.dollars($0))" } }
            return "1024x1024 output: " + rows.joined(separator: ", ") + (profile.imageInputPerMillion.map { "; input images $\(Decimals.format($0, 2))/M tokens" } ?? "")
        }
    }

    var text: [String] {
        var lines = ["\(entry.id): \(entry.summary)"]
        if let variable = entry.keyVariable { lines.append("  key      \(variable) \(keyConfigured ? "is set" : "is not set")") }
        for profile in models {
            lines.append("  \(profile.id)")
            lines.append("    sizes    \(Self.sizes(profile))")
            if !profile.qualities.isEmpty { lines.append("    quality  \(profile.qualities.map(\.rawValue).joined(separator: ", "))") }
            lines.append("    output   \(profile.outputFormats.map(\.rawValue).joined(separator: ", "))\(profile.transparency ? ", transparent background" : "")")
            lines.append("    inputs   up to \(profile.maxInputImages) image\(profile.maxInputImages == 1 ? "" : "s"); mask \(profile.acceptsMask ? profile.maskRules.convention.rawValue : "not accepted"); input_fidelity \(Self.fidelity(profile))")
            lines.append("    price    \(Self.price(profile))")
        }
        return lines
    }
}
