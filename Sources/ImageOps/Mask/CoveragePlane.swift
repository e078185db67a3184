public import ImageCore

/// Coverage as Float, 0…1, row-major and packed: the working form of a mask while it is
/// drawn, grown, shrunk or feathered (no 8-bit rounding between steps).
public struct CoveragePlane: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var values: [Float]

    public init(width: Int, height: Int, fill: Float = 0) {
        precondition(width >= 1 && height >= 1, "plane size \(width)×\(height) must be at least 1×1")
        self.width = width
        self.height = height
        self.values = [Float](repeating: fill, count: width * height)
    }

    public init(width: Int, height: Int, values: [Float]) {
        precondition(values.count == width * height, "plane needs \(width * height) values, got \(values.count)")
        self.width = width
        self.height = height
        self.values = values
    }

    /// A mask's coverage, 255 → 1.
    public init(_ mask: Mask) {
        self.init(width: mask.width, height: mask.height, values: mask.bytes.map { Float($0) * (1 / 255) })
    }

    public var size: PixelSize { PixelSize(width: width, height: height) }

    /// Rounded to 8 bits (values clamped to 0…1 first).
    public var mask: Mask {
        var bytes = [UInt8](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { v in
            for i in 0..<v.count { bytes[i] = UInt8(min(max(v[i], 0), 1) * 255 + 0.5) }
        }
        return Mask(width: width, height: height, coverage: bytes)
    }
}
