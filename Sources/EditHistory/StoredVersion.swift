public import EditProviders

/// A recorded request and its version, as `edit --from` and `export` read them back.
public struct StoredVersion: Sendable {
    /// The version number (`v3` is 3).
    public var id: Int
    public var parent: Int?
    /// The original upload's blob address and file name; whether the blob was purged.
    public var source: String
    public var sourceName: String
    public var sourcePurged: Bool
    /// The image this request edited: the source's blob, or the parent version's (nil:
    /// the source, purged).
    public var input: String?
    public var mask: String?
    public var prompt: String
    public var invariants: [Invariant]
    public var provider: String
    public var model: String
    public var status: VersionStatus
    /// The result's blob (nil when the request produced none).
    public var blob: String?
    /// The provider's response id (chaining for `openai-responses`).
    public var responseID: String?
    /// The settings as sent (`RecordedEdit.settingsText`), the requested size, the error.
    public var settings: String
    public var size: String?
    public var error: String?
}
