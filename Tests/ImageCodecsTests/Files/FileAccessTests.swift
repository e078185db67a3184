import Foundation
import ImageCodecs
import Testing
import TestSupport

@Suite struct FileAccessTests {
    /// Many tasks writing the same file at once (a batch storing one blob from several
    /// jobs) all succeed, the file holds one whole write, and no temporary file is left.
    @Test func concurrentWritesOfOneFileAllSucceed() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("blob").path
            let bytes = [UInt8](repeating: 7, count: 1 << 20)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<16 { group.addTask { try FileAccess.write(bytes, to: path) } }
                try await group.waitForAll()
            }
            #expect(try FileAccess.read(path) == bytes)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["blob"])
        }
    }
}
