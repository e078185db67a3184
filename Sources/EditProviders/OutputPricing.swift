public import ImageCore

/// How a model's output image is priced (spec §3).
public enum OutputPricing: Sendable, Hashable {
    /// gpt-image-2: output tokens from the size and quality by the calculator's formula
    /// (spec §3.2), at `dollarsPerMillion` per token.
    case gptImage2Formula(dollarsPerMillion: Double)
    /// Output tokens from a table of quality × size, at `dollarsPerMillion` per token.
    case tokenTable([EditQuality: [PixelSize: Int]], dollarsPerMillion: Double)
    /// A published price per image for quality × size.
    case perImage([EditQuality: [PixelSize: Double]])
    /// One price per image whatever the settings (FLUX Kontext).
    case flat(Double)
    /// No price is known.
    case unknown

    /// The output tokens of one image, where the pricing is by tokens and knows them.
    public func outputTokens(size: PixelSize, quality: EditQuality) -> Int? {
        switch self {
        case .gptImage2Formula:
            let factor: Int
            switch quality {
            case .low: factor = 16
            case .medium: factor = 48
            case .high: factor = 96
            default: return nil
            }
            let long = max(size.width, size.height), short = min(size.width, size.height)
            let s = (2 * factor * short + long) / (2 * long)
            let numerator = factor * s * (size.width * size.height + 2_000_000)
            return (numerator + 3_999_999) / 4_000_000
        case .tokenTable(let table, _):
            return table[quality]?[size]
        case .perImage, .flat, .unknown:
            return nil
        }
    }

    /// The dollars of one output image, or nil when this size and quality have no price.
    public func dollars(size: PixelSize, quality: EditQuality) -> Double? {
        switch self {
        case .gptImage2Formula(let rate), .tokenTable(_, let rate):
            return outputTokens(size: size, quality: quality).map { Double($0) * rate / 1_000_000 }
        case .perImage(let table):
            return table[quality]?[size]
        case .flat(let price):
            return price
        case .unknown:
            return nil
        }
    }

    /// Dollars for `tokens` output tokens, where the pricing is by tokens.
    public func dollars(outputTokens tokens: Int) -> Double? {
        switch self {
        case .gptImage2Formula(let rate), .tokenTable(_, let rate): Double(tokens) * rate / 1_000_000
        case .perImage, .flat, .unknown: nil
        }
    }
}
