public import Foundation

/// Where tests find the repository's fixtures and the shared conformance data.
public enum Paths {
    /// The repository root, derived from this source file's location.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Fixtures/` at the repository root.
    public static let fixtures = repositoryRoot.appendingPathComponent("Fixtures")

    /// `../shared/conformance/` beside the repository (or `$RETOUCH_SHARED/conformance`),
    /// or nil when it is absent.
    public static let conformance: URL? = {
        let shared = ProcessInfo.processInfo.environment["RETOUCH_SHARED"].map { URL(fileURLWithPath: $0) }
            ?? repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
        let url = shared.appendingPathComponent("conformance")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()
}
