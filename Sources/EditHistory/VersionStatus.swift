/// What became of an edit request.
public enum VersionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// The result is stored.
    case ok
    /// The provider refused or failed; nothing was produced (and nothing billed, as far
    /// as the answer says).
    case failed
    /// The process ended before the request was sent: every input is stored, nothing was
    /// sent.
    case interrupted
    /// The request was sent and no answer came: it may have been billed.
    case unknown
    /// The user cancelled.
    case cancelled
    /// Stored, but it drifted outside the mask more than the guard allows: regenerate from
    /// the source rather than refining it further.
    case drifted

    /// Sent without an answer (`unknown`, or `cancelled` during the call): the provider may
    /// have finished and billed it, so it is resent only when the user says so.
    public var mayHaveBeenBilled: Bool { self == .unknown || self == .cancelled }
}
