/// Summary of per-pixel ΔE00 values over a region.
public struct DeltaEStatistics: Sendable, Hashable, Encodable {
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

    /// The statistics of `values` (each ≥ 0).
    init(values: UnsafeBufferPointer<Float>) {
        var histogram = DeltaEHistogram()
        for v in values { histogram.add(v) }
        let wanted = histogram.wantedBuckets
        var collected: [Int: [Float]] = [:]
        for v in values {
            let b = DeltaEHistogram.bucket(v)
            if wanted.contains(b) { collected[b, default: []].append(v) }
        }
        self = histogram.statistics(collected: collected)
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
