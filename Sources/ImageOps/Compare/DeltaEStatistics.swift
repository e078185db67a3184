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
        guard !values.isEmpty else { self = .zero; return }
        var total = 0.0, largest: Float = 0
        for v in values { total += Double(v); largest = Swift.max(largest, v) }
        mean = total / Double(values.count)
        max = Double(largest)
        let n = values.count
        let rank95 = 0.95 * Double(n - 1), rank99 = 0.99 * Double(n - 1)
        let low95 = Int(rank95.rounded(.down)), low99 = Int(rank99.rounded(.down))
        let wanted = [low95, Swift.min(low95 + 1, n - 1), low99, Swift.min(low99 + 1, n - 1)]
        let found = Self.ranked(wanted, in: values)
        func interpolate(_ rank: Double, _ low: Float, _ high: Float) -> Double {
            let fraction = rank - rank.rounded(.down)
            return fraction > 0 ? Double(low) + (Double(high) - Double(low)) * fraction : Double(low)
        }
        p95 = interpolate(rank95, found[0], found[1])
        p99 = interpolate(rank99, found[2], found[3])
    }

    /// The values of the given ranks (0-based, ascending order) of non-negative `values`:
    /// a histogram of the top 16 bits of each Float (their order is the values' order),
    /// then only the buckets holding those ranks are collected and selected in.
    static func ranked(_ ranks: [Int], in values: UnsafeBufferPointer<Float>) -> [Float] {
        @inline(__always) func bucket(_ v: Float) -> Int { v > 0 ? Int(v.bitPattern >> 16) : 0 }
        var counts = [Int](repeating: 0, count: 1 << 16)
        for v in values { counts[bucket(v)] += 1 }
        // For each rank: its bucket and its rank inside the bucket.
        var targets: [(bucket: Int, rank: Int)] = []
        for rank in ranks {
            var below = 0, b = 0
            while below + counts[b] <= rank { below += counts[b]; b += 1 }
            targets.append((b, rank - below))
        }
        var slot = [Int8](repeating: -1, count: 1 << 16)
        var buckets: [[Float]] = []
        for target in targets where slot[target.bucket] < 0 {
            slot[target.bucket] = Int8(buckets.count)
            buckets.append([])
            buckets[buckets.count - 1].reserveCapacity(counts[target.bucket])
        }
        for v in values {
            let s = slot[bucket(v)]
            if s >= 0 { buckets[Int(s)].append(v) }
        }
        return targets.map { target in select(target.rank, in: &buckets[Int(slot[target.bucket])]) }
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
