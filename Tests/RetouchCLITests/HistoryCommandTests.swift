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

    @Test(.tags(.slow)) func aSecondRoundRefinesAVersionAndHistoryDeletes() throws {
        try withTemporaryDirectory { directory in
            let mask = try Self.mask(in: directory)
            let workspace = directory.appendingPathComponent("ws").path
            func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
                let (result, _) = try runBinary(arguments)
                return (result.status, result.stdout, result.stderr)
            }
            let first = try run(["edit", Self.coffee, "--mask", mask, "--prompt", "remove the cup", "--keep", "background", "--provider", "local",
                                 "--workspace", workspace, "-o", directory.appendingPathComponent("v1.png").path])
            #expect(first.status == 0, "\(first.stderr)")
            // No image, no mask, no chips, no provider: all from v1.
            let second = try run(["edit", "--from", "v1", "--prompt", "inpaint", "--workspace", workspace, "-o", directory.appendingPathComponent("v2.png").path])
            #expect(second.status == 0 && second.stdout.contains("recorded v2 from v1"), "\(second.stderr)")
            let listed = try run(["history", "--workspace", workspace, "--json"])
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            #expect(entries.map { $0["parent"] as? String } == [nil, "v1"])
            #expect(entries[1]["invariants"] as? [String] == ["background"] && entries[1]["provider"] as? String == "local")
            #expect(entries[1]["parentOutsideSignificant"] is Double)

            // Errors name what is wrong.
            let missing = try run(["edit", "--from", "v9", "--prompt", "inpaint", "--workspace", workspace, "-o", directory.appendingPathComponent("x.png").path])
            #expect(missing.status == 64 && missing.stderr.contains("no version v9"))
            let nowhere = try run(["edit", "--from", "v1", "--prompt", "inpaint", "--workspace", directory.appendingPathComponent("none").path, "-o", directory.appendingPathComponent("x.png").path])
            #expect(nowhere.status == 74 && nowhere.stderr.contains("no workspace here"))
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("none").path))
            let neither = try run(["edit", "--prompt", "inpaint", "-o", directory.appendingPathComponent("x.png").path])
            #expect(neither.status == 64 && neither.stderr.contains("--from"))

            let deleted = try run(["history", "--workspace", workspace, "--delete", "v1"])
            #expect(deleted.status == 0 && deleted.stdout.contains("deleted v1"), "\(deleted.stderr)")
            let after = try run(["history", "--workspace", workspace])
            #expect(after.stdout.contains("v1 (deleted)") && !after.stdout.contains("\nv1 "))
            let purged = try run(["history", "--workspace", workspace, "--purge-sources"])
            #expect(purged.status == 0 && purged.stdout.contains("purged 1 source"), "\(purged.stderr)")
        }
    }

    @Test(.tags(.slow)) func twoProcessesCanWriteOneWorkspace() async throws {
        try await withTemporaryDirectory { directory in
            let mask = try Self.mask(in: directory)
            let workspace = directory.appendingPathComponent("ws").path
            func edit(_ n: Int) -> Task<Int32, any Error> {
                Task.detached {
                    try runBinary(["edit", Self.coffee, "--mask", mask, "--prompt", "inpaint (round \(n))", "--provider", "local", "--workspace", workspace,
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
