/// One version as the review report reads it: the history entry plus what the report
/// draws (its source, mask and the stored drift records as JSON).
struct ReportVersion: Sendable {
    var entry: HistoryEntry
    var number: Int
    var sourceHash: String
    var sourcePurged: Bool
    var mask: String?
    var finalPrompt: String
    /// `EditDrift.Regions` as stored, against the source and against the parent.
    var driftSource: String?
    var driftParent: String?
}
