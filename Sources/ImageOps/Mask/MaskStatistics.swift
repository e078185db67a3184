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
                // Sum and count sixteen bytes at a time in 16-bit lanes (flushed before
                // they can overflow); the box ends only where needed.
                var rowTotal = 0, rowCount = 0, x = 0
                while x + 16 <= w {
                    var sums = SIMD16<UInt16>(), counts = SIMD16<UInt16>()
                    let end = min(w, x + 16 * 256)
                    while x + 16 <= end {
                        let v = UnsafeRawPointer(row + x).loadUnaligned(as: SIMD16<UInt8>.self)
                        sums &+= SIMD16<UInt16>(truncatingIfNeeded: v)
                        counts &+= SIMD16<UInt16>(truncatingIfNeeded: pointwiseMin(v, SIMD16(repeating: 1)))
                        x += 16
                    }
                    rowTotal += Int(SIMD16<UInt32>(truncatingIfNeeded: sums).wrappedSum())
                    rowCount += Int(SIMD16<UInt32>(truncatingIfNeeded: counts).wrappedSum())
                }
                for x in x..<w {
                    rowTotal += Int(row[x])
                    rowCount += row[x] > 0 ? 1 : 0
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
