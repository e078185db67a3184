public import Foundation
public import Testing

/// Access to `../shared/conformance/`, with a trait that skips (and says why) when absent.
public enum Conformance {
    /// Whether the conformance folder was found.
    public static var isAvailable: Bool { Paths.conformance != nil }

    /// The message shown for tests skipped because the folder is absent.
    public static let absentMessage: Comment =
        "../shared/conformance not found (set RETOUCH_SHARED to the shared folder): conformance tests skipped"

    /// Bytes of `conformance/<relativePath>`.
    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        let root = try #require(Paths.conformance, absentMessage)
        return [UInt8](try Data(contentsOf: root.appendingPathComponent(relativePath)))
    }

    /// The URL of `conformance/<relativePath>` (under a folder that does not exist when
    /// the conformance folder is absent; guard tests with `.requiresConformance`).
    public static func url(_ relativePath: String) -> URL {
        (Paths.conformance ?? URL(fileURLWithPath: "/nonexistent-conformance")).appendingPathComponent(relativePath)
    }

    /// Whether `conformance/<relativePath>` exists.
    public static func exists(_ relativePath: String) -> Bool {
        guard let root = Paths.conformance else { return false }
        return FileManager.default.fileExists(atPath: root.appendingPathComponent(relativePath).path)
    }

    /// Every regular file under `conformance/<folder>` with one of `extensions`, relative paths, sorted.
    public static func files(in folder: String, extensions: Set<String>) -> [String] {
        guard let root = Paths.conformance,
              let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path) else { return [] }
        var result: [String] = []
        while let path = enumerator.nextObject() as? String {
            if extensions.contains((path as NSString).pathExtension.lowercased()) { result.append(folder + "/" + path) }
        }
        return result.sorted()
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when `../shared/conformance/` is present; otherwise skips with a message.
    public static var requiresConformance: Self {
        .enabled(if: Conformance.isAvailable, Conformance.absentMessage)
    }
}
