/// The best global integer shift between two images: A(x, y) is compared with
/// B(x + dx, y + dy) over the overlap, and `changedFraction` is measured there.
public struct AlignmentResult: Sendable, Hashable, Encodable {
    public var dx: Int
    public var dy: Int
    public var changedFraction: Double

    public init(dx: Int, dy: Int, changedFraction: Double) {
        self.dx = dx
        self.dy = dy
        self.changedFraction = changedFraction
    }
}
