/// Summary of per-pixel ΔE00 values over a region.
public struct DeltaEStatistics: Sendable, Hashable {
    public var mean: Double
    /// Percentiles with linear interpolation between ranks (numpy's default).
    public var p95: Double
    public var p99: Double
    public var max: Double

    public static let zero = DeltaEStatistics(mean: 0, p95: 0, p99: 0, max: 0)

    public init(mean: Double, p95: Double, p99: Double, max: Double) {
        self.mean = mean
        self.p95 = p95
        self.p99 = p99
        self.max = max
    }

    /// The statistics of `values` (consumed: reordered in place).
    init(values: inout [Float]) {
        guard !values.isEmpty else { self = .zero; return }
        var total = 0.0, largest: Float = 0
        for v in values { total += Double(v); largest = Swift.max(largest, v) }
        mean = total / Double(values.count)
        max = Double(largest)
        p95 = Self.percentile(95, of: &values)
        p99 = Self.percentile(99, of: &values)
    }

    /// The p-th percentile, interpolating between the two neighbouring ranks.
    static func percentile(_ p: Double, of values: inout [Float]) -> Double {
        let rank = p / 100 * Double(values.count - 1)
        let low = Int(rank.rounded(.down)), fraction = rank - Double(low)
        let lowValue = select(low, in: &values)
        guard fraction > 0, low + 1 < values.count else { return Double(lowValue) }
        // After selection everything right of `low` is ≥ it: the next rank is their minimum.
        var next = Float.infinity
        for i in (low + 1)..<values.count { next = Swift.min(next, values[i]) }
        return Double(lowValue) + (Double(next) - Double(lowValue)) * fraction
    }

    /// Quickselect: places the k-th smallest at index k (smaller left, larger right).
    static func select(_ k: Int, in values: inout [Float]) -> Float {
        var low = 0, high = values.count - 1
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        while low < high {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            let pivot = values[low + Int(state % UInt64(high - low + 1))]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j { values.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return values[k] }
        }
        return values[k]
    }
}
