@testable import ImageOps
import Testing

/// Percentiles by histogram and bucket selection against numpy's definition computed from
/// a full sort: sorted[⌊r⌋] + (sorted[⌊r⌋ + 1] − sorted[⌊r⌋]) · (r − ⌊r⌋), r = p/100 · (n − 1).
@Suite struct DeltaEStatisticsTests {
    static func numpy(_ p: Double, _ values: [Float]) -> Double {
        let sorted = values.sorted(), rank = p / 100 * Double(sorted.count - 1)
        let low = Int(rank.rounded(.down)), fraction = rank - Double(low)
        guard low + 1 < sorted.count else { return Double(sorted[low]) }
        return Double(sorted[low]) + (Double(sorted[low + 1]) - Double(sorted[low])) * fraction
    }

    static func check(_ values: [Float]) {
        let statistics = values.withUnsafeBufferPointer { DeltaEStatistics(values: $0) }
        #expect(abs(statistics.p95 - numpy(95, values)) <= 1e-12 * max(1, numpy(95, values)), "p95 of \(values.count) values")
        #expect(abs(statistics.p99 - numpy(99, values)) <= 1e-12 * max(1, numpy(99, values)), "p99 of \(values.count) values")
        #expect(statistics.max == Double(values.max()!))
        #expect(abs(statistics.mean - values.reduce(0.0) { $0 + Double($1) } / Double(values.count)) < 1e-9)
    }

    @Test func agreesWithASortedReference() {
        var state: UInt64 = 99
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        // Spread out, with many exact zeros (unchanged pixels) and duplicates.
        Self.check((0..<100_003).map { _ in next() % 3 == 0 ? 0 : Float(next() % 4000) / 100 })
        // Crowded into one histogram bucket: all values in [1, 1.0078).
        Self.check((0..<50_001).map { _ in 1 + Float(next() % 1000) * 7e-6 })
        // Tiny sets, all equal, all zero.
        Self.check([3.5]); Self.check([2, 1]); Self.check([0, 0, 0, 0, 7])
        Self.check([Float](repeating: 4.25, count: 1000)); Self.check([Float](repeating: 0, count: 999))
    }
}
