/// A position in pixel coordinates: top-left origin, pixel centres at +0.5.
public struct Point: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
