/// Non-negative ΔE00 values counted by the top 16 bits of their Float pattern (whose order
/// is the values' order), with their count, sum and largest value: what
/// `DeltaEStatistics` needs, apart from the values of the few buckets its percentiles fall
/// into. Bucket 0 holds exactly the zeros (unchanged pixels), so a percentile that falls
/// there needs no values at all.
struct DeltaEHistogram {
    static let bucketCount = 1 << 16

    /// `bucketCount` counts.
    var counts: [UInt32]
    var count = 0
    var total = 0.0
    var largest: Float = 0

    init() { counts = [UInt32](repeating: 0, count: Self.bucketCount) }

    /// The bucket of `v` ≥ 0: 0 for 0, ≥ 1 otherwise (the few positive values below 2⁻¹³³
    /// join bucket 1, keeping the order).
    @inline(__always)
    static func bucket(_ v: Float) -> Int { v > 0 ? Swift.max(1, Int(v.bitPattern >> 16)) : 0 }

    mutating func add(_ v: Float) {
        counts[Self.bucket(v)] += 1
        count += 1
        total += Double(v)
        largest = Swift.max(largest, v)
    }

    /// The bucket holding the value of 0-based `rank` in ascending order, and its rank
    /// inside the bucket. - Precondition: 0 ≤ rank < count.
    func locate(_ rank: Int) -> (bucket: Int, rank: Int) {
        var below = 0, b = 0
        while below + Int(counts[b]) <= rank { below += Int(counts[b]); b += 1 }
        return (b, rank - below)
    }

    /// The ranks `DeltaEStatistics` needs (the two neighbours of the 95th and 99th
    /// percentile ranks, numpy's linear interpolation): 4 ranks, or none when empty.
    var wantedRanks: [Int] {
        guard count > 0 else { return [] }
        let n = count
        let low95 = Int((0.95 * Double(n - 1)).rounded(.down)), low99 = Int((0.99 * Double(n - 1)).rounded(.down))
        return [low95, Swift.min(low95 + 1, n - 1), low99, Swift.min(low99 + 1, n - 1)]
    }

    /// The buckets other than 0 that `wantedRanks` fall into.
    var wantedBuckets: Set<Int> { Set(wantedRanks.map { locate($0).bucket }.filter { $0 != 0 }) }

    /// The statistics, given the values of each of `wantedBuckets` (in any order).
    func statistics(collected: [Int: [Float]]) -> DeltaEStatistics {
        guard count > 0 else { return .zero }
        var buckets = collected
        let values = wantedRanks.map { rank -> Float in
            let (b, inner) = locate(rank)
            guard b != 0 else { return 0 }
            return DeltaEStatistics.select(inner, in: &buckets[b, default: []])
        }
        let n = count
        func interpolate(_ rank: Double, _ low: Float, _ high: Float) -> Double {
            let fraction = rank - rank.rounded(.down)
            return fraction > 0 ? Double(low) + (Double(high) - Double(low)) * fraction : Double(low)
        }
        return DeltaEStatistics(mean: total / Double(n), p95: interpolate(0.95 * Double(n - 1), values[0], values[1]),
                                p99: interpolate(0.99 * Double(n - 1), values[2], values[3]), max: Double(largest))
    }
}
