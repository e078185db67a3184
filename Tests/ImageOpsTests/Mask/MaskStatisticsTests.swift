import ImageCore
import ImageOps
import Testing
import TestSupport

/// The sixteen-byte sums and counts against a plain loop: widths that are not a multiple
/// of 16, rows long enough to flush the 16-bit lanes, empty rows and empty masks.
@Suite struct MaskStatisticsTests {
    static func reference(_ mask: Mask) -> (count: Int, total: Int, box: PixelRect?) {
        var count = 0, total = 0, minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
        for y in 0..<mask.height {
            for x in 0..<mask.width {
                let v = Int(mask.bytes[y * mask.width + x])
                total += v
                if v > 0 { count += 1; minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y) }
            }
        }
        return (count, total, maxX >= 0 ? PixelRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1) : nil)
    }

    @Test(arguments: [(1, 1), (15, 3), (17, 5), (100, 7), (4100, 2), (9000, 3)])
    func sumsCountsAndBoxMatchAPlainLoop(width: Int, height: Int) {
        var generator = SplitMix64(seed: UInt64(width * 31 + height))
        // Mostly 255 (the lanes' worst case), some zeros, an empty first row.
        let coverage = (0..<(width * height)).map { i -> UInt8 in
            if i < width { return 0 }
            return UInt8.random(in: 0..<4, using: &generator) == 0 ? 0 : (UInt8.random(in: 0..<2, using: &generator) == 0 ? 255 : UInt8.random(in: 1...255, using: &generator))
        }
        let mask = Mask(width: width, height: height, coverage: coverage)
        let statistics = MaskStatistics(mask), expected = Self.reference(mask)
        #expect(statistics.selectedPixels == expected.count)
        #expect(statistics.selectedArea == Double(expected.total) / 255)
        #expect(statistics.boundingBox == expected.box)
        #expect(MaskStatistics(Mask(width: width, height: height)).boundingBox == nil)
    }
}
