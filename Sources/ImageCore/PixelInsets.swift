/// Borders around a rectangle, in whole pixels.
public struct PixelInsets: Sendable, Hashable, Encodable {
    public var left: Int
    public var top: Int
    public var right: Int
    public var bottom: Int

    public init(left: Int, top: Int, right: Int, bottom: Int) {
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
    }

    /// Whether every border is zero.
    public var isZero: Bool { left == 0 && top == 0 && right == 0 && bottom == 0 }
}
