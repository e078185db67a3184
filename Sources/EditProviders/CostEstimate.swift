/// What an edit will cost before the call, in USD: a range when settings are left to the
/// provider (`auto`) or input tokens cannot be priced ahead.
public struct CostEstimate: Sendable, Hashable, Encodable {
    /// One output image at the settings, when they pin it down (e.g. $0.211 for a
    /// gpt-image-2 1024×1024 high image).
    public var outputPerImage: Double?
    /// Output tokens of one image, where the pricing is by tokens.
    public var outputTokensPerImage: Int?
    /// Bounds for the whole call (all images, prompt text; input images as far as known).
    public var low: Double?
    public var high: Double?
    /// What the estimate leaves out or assumes.
    public var notes: [String]

    /// Dollars to the tenth of a cent: `0.2107` → "0.211", `0.04` → "0.04", `0.2` → "0.20".
    public static func dollars(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        var text = "\(thousandths / 1000).\(String(thousandths % 1000).leftPadded(3))"
        if text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

extension String {
    /// Left-padded with zeros to `width` characters.
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
