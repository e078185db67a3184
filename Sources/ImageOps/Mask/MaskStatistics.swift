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
        var count = 0, total = 0
        var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
        let w = quantized.width
        quantized.withUnsafeBytes { bytes in
            let base = bytes.bindMemory(to: UInt8.self).baseAddress!
            for y in 0..<quantized.height {
                let row = base + y * w
                // Sum and count in a flat loop (vectorised); the box ends only where needed.
                var rowTotal = 0, rowCount = 0
                for x in 0..<w {
                    let v = Int(row[x])
                    rowTotal += v
                    rowCount += v > 0 ? 1 : 0
                }
                guard rowCount > 0 else { continue }
                count += rowCount; total += rowTotal
                var first = 0, last = w - 1
                while row[first] == 0 { first += 1 }
                while row[last] == 0 { last -= 1 }
                minX = min(minX, first); maxX = max(maxX, last); minY = min(minY, y); maxY = y
            }
        }
        size = quantized.size
        selectedPixels = count
        selectedArea = Double(total) / 255
        selectedPercent = selectedArea / Double(quantized.size.area) * 100
        boundingBox = maxX >= 0 ? PixelRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1) : nil
    }

    /// Nothing selected (every 8-bit coverage is 0).
    public var selectsNothing: Bool { selectedPixels == 0 }
    /// Everything fully selected (every 8-bit coverage is 255).
    public var selectsEverything: Bool { selectedArea >= Double(size.area) - 1e-9 }
}
