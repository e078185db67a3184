public import ImageCore

/// What a mask selects: the numbers `retouch mask --json` reports.
public struct MaskStatistics: Sendable, Hashable {
    public var size: PixelSize
    /// Pixels with coverage > 0.
    public var selectedPixels: Int
    /// Σ coverage, in pixels (partial pixels count partly).
    public var selectedArea: Double
    /// selectedArea as a percentage of the image, 0…100.
    public var selectedPercent: Double
    /// The bounding box of the pixels with coverage > 0, or nil when nothing is selected.
    public var boundingBox: PixelRect?

    /// The statistics of a plane, as its 8-bit rounding selects.
    public init(_ plane: CoveragePlane) {
        self.init(plane.mask)
    }

    public init(_ quantized: Mask) {
        var count = 0, area = 0.0
        var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
        quantized.withUnsafeBytes { bytes in
            for y in 0..<quantized.height {
                for x in 0..<quantized.width {
                    let v = bytes[y * quantized.width + x]
                    guard v > 0 else { continue }
                    count += 1
                    area += Double(v) / 255
                    minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
                }
            }
        }
        size = quantized.size
        selectedPixels = count
        selectedArea = area
        selectedPercent = area / Double(quantized.size.area) * 100
        boundingBox = maxX >= 0 ? PixelRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1) : nil
    }

    /// Nothing selected (every 8-bit coverage is 0).
    public var selectsNothing: Bool { selectedPixels == 0 }
    /// Everything fully selected (every 8-bit coverage is 255).
    public var selectsEverything: Bool { selectedArea >= Double(size.area) - 1e-9 }
}
