/// What a `batch` run did. Encodes as its JSON summary.
public struct BatchSummary: Sendable, Encodable {
    /// One job's outcome: `done` (ran now), `skipped` (finished by an earlier run),
    /// `failed`, `unknown` (sent without an answer: may have been billed), `cancelled`,
    /// `drifted`, `over-budget`, `not-resent` (recorded unknown or cancelled before;
    /// `--retry-unknown` resends it).
    public struct Job: Sendable, Encodable {
        public var id: String
        public var line: Int
        public var op: String
        public var status: String
        public var version: String?
        public var attempts: Int?
        public var cost: Double?
        public var output: String?
        public var error: String?
    }

    public var total: Int
    /// Jobs by status.
    public var counts: [String: Int]
    /// Requests sent beyond the first of each edit (retries of 429, 5xx, lost connections).
    public var retries: Int
    /// 429 answers that held back every job of their provider.
    public var throttled: Int
    /// Estimated (upper bound) and actual cost of the edits sent in this run, USD.
    public var estimated: Double
    public var actual: Double
    public var seconds: Double
    public var jobs: [Job]

    private enum Keys: String, CodingKey { case total, counts, retries, throttled, estimated, actual, seconds, jobs }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(total, forKey: .total)
        // In a fixed order, every status present.
        var counted = c.nestedContainer(keyedBy: StatusKey.self, forKey: .counts)
        for status in BatchRunner.statuses { try counted.encode(counts[status] ?? 0, forKey: StatusKey(stringValue: status)!) }
        try c.encode(retries, forKey: .retries)
        try c.encode(throttled, forKey: .throttled)
        try c.encode(estimated, forKey: .estimated)
        try c.encode(actual, forKey: .actual)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(jobs, forKey: .jobs)
    }

    private struct StatusKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
