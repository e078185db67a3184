/// A limit on one comparison metric: `--max KEY=VALUE` (fail above) or `--min KEY=VALUE`
/// (fail below).
public struct Budget: Sendable, Hashable {
    public var metric: CompareMetric
    public var limit: Double
    public var isMaximum: Bool

    public init(metric: CompareMetric, limit: Double, isMaximum: Bool) {
        self.metric = metric
        self.limit = limit
        self.isMaximum = isMaximum
    }

    /// Parses `KEY=NUMBER`; nil when it is not of that form or KEY names no number of the
    /// report.
    public init?(_ text: String, isMaximum: Bool) {
        let parts = text.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, let metric = CompareMetric(String(parts[0])), let limit = Double(parts[1]), limit.isFinite else {
            return nil
        }
        self.init(metric: metric, limit: limit, isMaximum: isMaximum)
    }

    public func isViolated(by actual: Double) -> Bool { isMaximum ? actual > limit : actual < limit }

    /// "outside.changedFraction = 0.02 is above the maximum 0.01".
    public func describe(actual: Double) -> String {
        "\(metric.key) = \(actual.isInfinite ? "inf" : String(actual)) is \(isMaximum ? "above the maximum" : "below the minimum") \(limit)"
    }
}
