/// A size in whole pixels.
public struct PixelSize: Sendable, Hashable, Encodable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// width × height, in pixels.
    public var area: Int { width * height }

    /// `W×H`.
    public var description: String { "\(width)×\(height)" }
}
