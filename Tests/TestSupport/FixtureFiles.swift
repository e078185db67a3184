import Foundation

/// Bytes of files under `Fixtures/`.
public enum FixtureFiles {
    /// The path of a file under `Fixtures/`.
    public static func path(_ relativePath: String) -> String {
        Paths.fixtures.appendingPathComponent(relativePath).path
    }

    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Paths.fixtures.appendingPathComponent(relativePath)))
    }
}
