import Foundation

/// Bytes of files under `Fixtures/`.
public enum FixtureFiles {
    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Paths.fixtures.appendingPathComponent(relativePath)))
    }
}
