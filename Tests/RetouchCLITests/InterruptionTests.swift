import Foundation
import ImageCodecs
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `retouch edit` killed or interrupted while the provider (a loopback fake that reads the
/// request and does not answer) has the request.
@Suite(.serialized) struct InterruptionTests {
    static let key = "sk-test-interruption"

    /// An OpenAI images/edits answer holding `png`.
    static func success(_ png: [UInt8]) -> String {
        #"{"created": 1, "data": [{"b64_json": "\#(Data(png).base64EncodedString())"}], "usage": {"input_tokens": 10, "output_tokens": 196, "total_tokens": 206}}"#
    }

    static func entries(_ workspace: String) throws -> [[String: Any]] {
        let (history, _) = try runBinary(["history", "--workspace", workspace, "--json"])
        #expect(history.status == 0, "\(history.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
    }

    /// Every blob is there and its content matches its address.
    static func blobsAreIntact(_ workspace: String) throws -> [String] {
        let folder = workspace + "/blobs"
        var hashes: [String] = []
        for prefix in try FileManager.default.contentsOfDirectory(atPath: folder) {
            for rest in try FileManager.default.contentsOfDirectory(atPath: folder + "/" + prefix) where !rest.hasPrefix(".") {
                let bytes = try FileAccess.read(folder + "/" + prefix + "/" + rest)
                #expect(SHA256.hex(bytes) == prefix + rest, "blob \(prefix + rest) is damaged")
                hashes.append(prefix + rest)
            }
        }
        return hashes
    }

    @Test(.tags(.slow)) func aKilledEditIsRecordedUnknownAndARetryCompletesIt() throws {
        try withTemporaryDirectory { directory in
            let server = try LoopbackServer()
            defer { server.stop() }
            server.hang()
            let mask = try HistoryCommandTests.mask(in: directory)
            let workspace = directory.appendingPathComponent("ws").path
            let output = directory.appendingPathComponent("v1.png").path
            let base = "http://127.0.0.1:\(server.port)/v1"
            let child = try spawnBinary(["edit", HistoryCommandTests.coffee, "--mask", mask, "--prompt", "a glass instead of the cup", "--keep", "background",
                                         "--provider", "openai", "--quality", "low", "--base-url", base, "--retries", "0", "--workspace", workspace, "-o", output],
                                        environment: ["OPENAI_API_KEY": Self.key], outputIn: directory)
            // The whole request has reached the provider: now the process dies.
            #expect(server.waitForRequests(1))
            child.signal(SIGKILL)
            #expect(child.wait().status == 128 + SIGKILL)

            // The next look settles it: sent without an answer, so it may have been billed.
            let after = try Self.entries(workspace)
            #expect(after.count == 1 && after[0]["status"] as? String == "unknown", "\(after)")
            #expect((after[0]["error"] as? String)?.contains("may have been billed") == true)
            // Every input is stored and intact: the source and the mask.
            let hashes = try Self.blobsAreIntact(workspace)
            #expect(hashes.contains(SHA256.hex(try FileAccess.read(HistoryCommandTests.coffee))))
            #expect(hashes.contains(SHA256.hex(try FileAccess.read(mask))))

            // Not resent without the user's say-so; then sent again and completed.
            let (refused, _) = try runBinary(["edit", "--retry", "v1", "--workspace", workspace, "-o", output], environment: ["OPENAI_API_KEY": Self.key])
            #expect(refused.status == 64 && refused.stderr.contains("may have been billed; add --retry-unknown"), "\(refused.stderr)")
            #expect(server.received == 1)
            server.answer(json: Self.success(try FileAccess.read(HistoryCommandTests.coffee)))
            let (retried, _) = try runBinary(["edit", "--retry", "v1", "--retry-unknown", "--base-url", base, "--workspace", workspace, "-o", output],
                                             environment: ["OPENAI_API_KEY": Self.key])
            #expect(retried.status == 0 && retried.stdout.contains("recorded v1"), "\(retried.stderr)")
            #expect(server.received == 2)
            let done = try Self.entries(workspace)
            #expect(done.count == 1 && done[0]["status"] as? String == "ok" && done[0]["blob"] is String, "\(done)")
            #expect(done[0]["prompt"] as? String == "a glass instead of the cup" && done[0]["invariants"] as? [String] == ["background"])
            _ = try Self.blobsAreIntact(workspace)
            // No file of the workspace holds the key.
            for data in HistoryCommandTests.contents(of: workspace) { #expect(data.range(of: Data(Self.key.utf8)) == nil) }
        }
    }

    /// Ctrl-C while waiting for the provider: the call is cancelled, the command exits 130
    /// and the version is recorded cancelled.
    @Test(.tags(.slow)) func ctrlCCancelsTheCallAndExits130() throws {
        try withTemporaryDirectory { directory in
            let server = try LoopbackServer()
            defer { server.stop() }
            server.hang()
            let mask = try HistoryCommandTests.mask(in: directory)
            let workspace = directory.appendingPathComponent("ws").path
            let child = try spawnBinary(["edit", HistoryCommandTests.coffee, "--mask", mask, "--prompt", "a glass", "--provider", "openai",
                                         "--base-url", "http://127.0.0.1:\(server.port)/v1", "--workspace", workspace,
                                         "-o", directory.appendingPathComponent("v1.png").path],
                                        environment: ["OPENAI_API_KEY": Self.key], outputIn: directory)
            #expect(server.waitForRequests(1))
            child.signal(SIGINT)
            let result = child.wait()
            #expect(result.status == 130, "\(result.stderr)")
            #expect(result.stderr.contains("cancelled (a request already sent may still be finished and charged"), "\(result.stderr)")
            let entries = try Self.entries(workspace)
            #expect(entries.count == 1 && entries[0]["status"] as? String == "cancelled", "\(entries)")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("v1.png").path))
        }
    }
}
