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
        let values = [Float](unsafeUninitializedCapacity: mask.width * mask.height) { values, initialized in
            LargeAllocation.adviseHugePages(UnsafeMutableRawBufferPointer(values))
            mask.withUnsafeBytes { bytes in
                for i in 0..<bytes.count { values[i] = Float(bytes[i]) * (1 / 255) }
            }
            initialized = mask.width * mask.height
        }
        self.init(width: mask.width, height: mask.height, values: values)
    }

    public var size: PixelSize { PixelSize(width: width, height: height) }

    /// Rounded to 8 bits, to nearest (values clamped to 0…1 first).
    public var mask: Mask {
        let bytes = [UInt8](unsafeUninitializedCapacity: values.count) { bytes, initialized in
            values.withUnsafeBufferPointer { v in
                // Adding 2^23 leaves the nearest integer in the low mantissa bits: a loop LLVM vectorises.
                for i in 0..<v.count { bytes[i] = UInt8(truncatingIfNeeded: (min(max(v[i], 0), 1) * 255 + 8_388_608).bitPattern) }
            }
            initialized = values.count
        }
        return Mask(width: width, height: height, coverage: bytes)
    }
}
