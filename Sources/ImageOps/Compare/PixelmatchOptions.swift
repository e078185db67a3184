public import ImageCore

/// pixelmatch's options, with its defaults.
public struct PixelmatchOptions: Sendable, Hashable {
    /// 0…1; smaller is more sensitive. Default 0.1.
    public var threshold: Double
    /// Count anti-aliased pixels too. Default false.
    public var includeAA: Bool
    /// Opacity of the faded image behind the diff picture. Default 0.1.
    public var alpha: Double
    public var aaColor: RGB8
    public var diffColor: RGB8
    /// Colour for pixels where image 2 is darker; nil uses `diffColor`.
    public var diffColorAlt: RGB8?
    /// Draw only the counted pixels, on transparency. Default false.
    public var diffMask: Bool

    public init(threshold: Double = 0.1, includeAA: Bool = false, alpha: Double = 0.1,
                aaColor: RGB8 = RGB8(red: 255, green: 255, blue: 0), diffColor: RGB8 = RGB8(red: 255, green: 0, blue: 0),
                diffColorAlt: RGB8? = nil, diffMask: Bool = false) {
        self.threshold = threshold
        self.includeAA = includeAA
        self.alpha = alpha
        self.aaColor = aaColor
        self.diffColor = diffColor
        self.diffColorAlt = diffColorAlt
        self.diffMask = diffMask
    }
}
