/// Where a batch run is, for a progress line: finished jobs of the total, the elapsed
/// time, and the actual cost so far (USD).
public struct BatchProgress: Sendable {
    public var finished: Int
    public var total: Int
    public var seconds: Double
    public var cost: Double

    /// Jobs per second so far, and the seconds left at that rate (nil before the first).
    public var rate: Double { seconds > 0 ? Double(finished) / seconds : 0 }
    public var remaining: Double? { finished > 0 ? Double(total - finished) / rate : nil }
}
