import EditHistory
import Foundation
import ImageCodecs
import Testing
import TestSupport

@Suite struct HistoryCommandTests {
    static let coffee = FixtureFiles.path("inputs/coffee.png")

    static func mask(in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("mask.png").path
        let (made, _) = try runBinary(["mask", "--like", coffee, "--ellipse", "50%,45%,15%,20%", "--feather", "8", "-o", path])
        #expect(made.status == 0, "\(made.stderr)")
        return path
    }

    /// Every file of a workspace, read back: no key may be in any of them.
    static func contents(of folder: String) -> [Data] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        return walker.compactMap { ($0 as? String).flatMap { FileManager.default.contents(atPath: folder + "/" + $0) } }
    }

    @Test(.tags(.slow)) func editsAreRecordedAndTheKeyIsNot() throws {
        try withTemporaryDirectory { directory in
            let mask = try Self.mask(in: directory)
            let workspace = directory.appendingPathComponent("ws").path
            let (local, _) = try runBinary(["edit", Self.coffee, "--mask", mask, "--prompt", "remove the cup", "--provider", "local",
                                            "--workspace", workspace, "-o", directory.appendingPathComponent("v1.png").path])
            #expect(local.status == 0 && local.stdout.contains("recorded v1"), "\(local.stderr)")
            // A call with a sentinel key to a port nothing listens on: recorded as failed.
            let sentinel = "sk-SENTINEL-4f1c9a"
            let (remote, _) = try runBinary(["edit", Self.coffee, "--mask", mask, "--prompt", "a glass", "--base-url", "http://127.0.0.1:9/v1",
                                             "--timeout", "1", "--retries", "0", "--workspace", workspace, "-o", directory.appendingPathComponent("v2.png").path],
                                            environment: ["OPENAI_API_KEY": sentinel])
            #expect(remote.status == 69, "\(remote.stderr)")
            let (history, _) = try runBinary(["history", "--workspace", workspace, "--json"])
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
            #expect(entries.map { $0["status"] as? String } == ["ok", "failed"])
            let files = Self.contents(of: workspace)
            #expect(files.count >= 4)
            for data in files { #expect(data.range(of: Data(sentinel.utf8)) == nil) }
        }
    }

    @Test(.tags(.slow)) func twoProcessesCanWriteOneWorkspace() async throws {
        try await withTemporaryDirectory { directory in
            let mask = try Self.mask(in: directory)
            let workspace = directory.appendingPathComponent("ws").path
            func edit(_ n: Int) -> Task<Int32, any Error> {
                Task.detached {
                    try runBinary(["edit", Self.coffee, "--mask", mask, "--prompt", "fill \(n)", "--provider", "local", "--workspace", workspace,
                                   "-o", directory.appendingPathComponent("v\(n).png").path]).0.status
                }
            }
            let first = edit(1), second = edit(2)
            #expect(try await first.value == 0)
            #expect(try await second.value == 0)
            let (history, _) = try runBinary(["history", "--workspace", workspace, "--json"])
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
            #expect(entries.count == 2 && entries.allSatisfy { $0["status"] as? String == "ok" })
            #expect(try Workspace(path: workspace).integrityCheck() == "ok")
        }
    }
}
