/// What went wrong with a workspace: which file or version, and why.
public enum HistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The manifest could not be opened or written (`reason` is SQLite's).
    case database(path: String, reason: String)
    /// A blob is missing or its content does not match its address.
    case blobDamaged(hash: String, reason: String)
    /// No version has this id.
    case unknownVersion(String)
    /// The version has no image (it failed, was interrupted, …).
    case noResult(version: String, status: String)
    /// The version has its result already: nothing to retry.
    case alreadyComplete(version: String)
    /// The request was sent without an answer: it may have been billed, so it is not
    /// sent again without the user's say-so.
    case mayHaveBeenBilled(version: String)
    /// A line of a batch jobs file that cannot be run.
    case invalidJob(file: String, line: Int, reason: String)
    /// There is no workspace at this path (and the command only reads one).
    case noWorkspace(path: String)

    public var description: String {
        switch self {
        case .database(let path, let reason): "workspace \(path): \(reason)"
        case .blobDamaged(let hash, let reason): "blob \(hash): \(reason)"
        case .unknownVersion(let id): "no version \(id) in the workspace"
        case .noResult(let version, let status): "\(version) has no image (\(status)); pick a version with a result (`retouch history`)"
        case .alreadyComplete(let version): "\(version) is complete: nothing to retry (refine it with --from)"
        case .mayHaveBeenBilled(let version): "\(version) was sent and got no answer (unknown or cancelled): it may have been billed; add --retry-unknown to send it again"
        case .invalidJob(let file, let line, let reason): "\(file):\(line): \(reason)"
        case .noWorkspace(let path): "\(path): no workspace here (edit records into .retouch in the current folder unless --no-workspace; --workspace names another)"
        }
    }
}
