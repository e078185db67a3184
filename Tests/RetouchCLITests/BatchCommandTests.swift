import Foundation
import ImageCodecs
import Synchronization
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `retouch batch` against a loopback fake of images/edits.
@Suite(.serialized) struct BatchCommandTests {
    static let key = "sk-test-batch"

    /// The prompt field of a multipart body.
    static func prompt(in body: [UInt8]) -> String {
        let text = String(decoding: body, as: UTF8.self)
        guard let start = text.range(of: "name=\"prompt\"\r\n\r\n"), let end = text.range(of: "\r\n--", range: start.upperBound..<text.endIndex) else { return "" }
        return String(text[start.upperBound..<end.lowerBound])
    }

    /// Per prompt: requests seen and answered with success.
    final class Ledger: Sendable {
        let counts = Mutex([String: (requests: Int, successes: Int)]())
        func note(_ prompt: String, success: Bool) -> Int {
            counts.withLock { c in
                var entry = c[prompt] ?? (0, 0)
                entry.requests += 1
                if success { entry.successes += 1 }
                c[prompt] = entry
                return entry.requests
            }
        }
        func failuresBeforeSuccess(_ prompt: String) -> Int { abs(prompt.hashValue) % 3 }
    }

    /// A jobs file of `count` edits of coffee.png, each with its own prompt and output.
    static func jobs(_ count: Int, in directory: URL) throws -> String {
        try FileManager.default.copyItem(atPath: HistoryCommandTests.coffee, toPath: directory.appendingPathComponent("coffee.png").path)
        _ = try HistoryCommandTests.mask(in: directory)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("out"), withIntermediateDirectories: true)
        let lines = (1...count).map { i in
            #"{"op": "edit", "id": "job-\#(i)", "image": "coffee.png", "mask": "mask.png", "prompt": "edit number \#(i)", "quality": "low", "output": "out/\#(i).png"}"#
        }
        let path = directory.appendingPathComponent("jobs.jsonl").path
        try FileAccess.write(Array((lines.joined(separator: "\n") + "\n").utf8), to: path)
        return path
    }

    static func summary(_ result: CLIResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
    }

    /// 50 edits; the provider refuses each prompt's first 0, 1 or 2 attempts with 429
    /// (retry-after-ms 20) or 500: every job ends ok after exactly that many retries, once
    /// each, and a re-run sends nothing.
    @Test(.tags(.slow)) func fiftyJobsThroughRandom429sAnd500s() throws {
        try withTemporaryDirectory { directory in
            let jobs = try Self.jobs(50, in: directory)
            let answer = Array(InterruptionTests.success(try FileAccess.read(HistoryCommandTests.coffee)).utf8)
            let ledger = Ledger()
            let server = try LoopbackServer()
            defer { server.stop() }
            let throttledCount = Mutex(0)
            server.script { _, body in
                let prompt = Self.prompt(in: body)
                let failures = ledger.failuresBeforeSuccess(prompt)
                let seen = (ledger.counts.withLock { $0[prompt]?.requests ?? 0 }) + 1
                if seen <= failures {
                    _ = ledger.note(prompt, success: false)
                    if (seen + prompt.count) % 2 == 0 {
                        throttledCount.withLock { $0 += 1 }
                        return (429, [("retry-after-ms", "20")], Array(#"{"error": {"message": "slow down", "type": "rate_limit"}}"#.utf8))
                    }
                    return (500, [], Array(#"{"error": {"message": "oops", "type": "server_error"}}"#.utf8))
                }
                _ = ledger.note(prompt, success: true)
                return (200, [], answer)
            }
            let workspace = directory.appendingPathComponent("ws").path
            let arguments = ["batch", jobs, "--workspace", workspace, "--concurrency", "4", "--provider", "openai", "--base-url", "http://127.0.0.1:\(server.port)/v1"]
            let (first, _) = try runBinary(arguments, environment: ["OPENAI_API_KEY": Self.key])
            #expect(first.status == 0, "\(first.stderr)")
            let summary = try Self.summary(first)
            let counts = try #require(summary["counts"] as? [String: Int])
            let unfinished = (summary["jobs"] as? [[String: Any]] ?? []).filter { $0["status"] as? String != "done" }
            #expect(summary["total"] as? Int == 50 && counts["done"] == 50 && counts["failed"] == 0, "\(counts): \(unfinished)")
            let expectedRetries = (1...50).map { ledger.failuresBeforeSuccess("edit number \($0)") }.reduce(0, +)
            #expect(summary["retries"] as? Int == expectedRetries)
            #expect(summary["throttled"] as? Int == throttledCount.withLock { $0 })
            #expect(server.received == 50 + expectedRetries)
            // Each prompt answered with success exactly once; 50 distinct ok versions.
            let counted = ledger.counts.withLock { $0 }
            #expect(counted.count == 50 && counted.values.allSatisfy { $0.successes == 1 })
            let entries = try InterruptionTests.entries(workspace)
            #expect(entries.count == 50 && Set(entries.compactMap { $0["prompt"] as? String }).count == 50)
            #expect(entries.allSatisfy { $0["status"] as? String == "ok" })
            // Attempts per job as the provider made them.
            for job in try #require(summary["jobs"] as? [[String: Any]]) {
                let n = Int((job["id"] as? String ?? "").dropFirst("job-".count)) ?? 0
                #expect(job["attempts"] as? Int == ledger.failuresBeforeSuccess("edit number \(n)") + 1)
            }

            // A re-run finds every job done and sends nothing.
            let before = server.received
            let (second, _) = try runBinary(arguments, environment: ["OPENAI_API_KEY": Self.key])
            #expect(second.status == 0)
            #expect(((try Self.summary(second))["counts"] as? [String: Int])?["skipped"] == 50)
            #expect(server.received == before)
        }
    }

    /// Killed mid-run: a re-run finishes the rest without repeating a finished job, does not
    /// resend the requests that were in flight (unknown) until --retry-unknown.
    @Test(.tags(.slow)) func aKilledRunResumesWithoutRepeatingFinishedJobs() throws {
        try withTemporaryDirectory { directory in
            let jobs = try Self.jobs(20, in: directory)
            let answer = Array(InterruptionTests.success(try FileAccess.read(HistoryCommandTests.coffee)).utf8)
            let ledger = Ledger()
            let server = try LoopbackServer()
            defer { server.stop() }
            // The first 8 requests are answered, then the provider stops answering.
            server.script { index, body in
                guard index < 8 else { return nil }
                _ = ledger.note(Self.prompt(in: body), success: true)
                return (200, [], answer)
            }
            let workspace = directory.appendingPathComponent("ws").path
            let arguments = ["batch", jobs, "--workspace", workspace, "--concurrency", "3", "--provider", "openai", "--base-url", "http://127.0.0.1:\(server.port)/v1"]
            let child = try spawnBinary(arguments, environment: ["OPENAI_API_KEY": Self.key], outputIn: directory)
            #expect(server.waitForRequests(11))   // 8 answered, 3 hanging
            usleep(300_000)                        // the 8 recorded
            child.signal(SIGKILL)
            #expect(child.wait().status == 128 + SIGKILL)
            let hanging = server.received - 8

            // Answer everything from now on.
            server.script { _, body in
                _ = ledger.note(Self.prompt(in: body), success: true)
                return (200, [], answer)
            }
            let (resumed, _) = try runBinary(arguments, environment: ["OPENAI_API_KEY": Self.key])
            let summary = try Self.summary(resumed)
            let counts = try #require(summary["counts"] as? [String: Int])
            #expect(resumed.status == 1, "\(resumed.stderr)")   // the in-flight ones are not resent
            #expect(counts["skipped"] == 8 && counts["not-resent"] == hanging && counts["done"] == 20 - 8 - hanging, "\(counts)")
            #expect(ledger.counts.withLock { $0.values.allSatisfy { $0.successes == 1 } })

            let (finished, _) = try runBinary(arguments + ["--retry-unknown"], environment: ["OPENAI_API_KEY": Self.key])
            #expect(finished.status == 0, "\(finished.stderr)")
            #expect(((try Self.summary(finished))["counts"] as? [String: Int])?["done"] == hanging)
            let entries = try InterruptionTests.entries(workspace)
            #expect(entries.count == 20 && entries.allSatisfy { $0["status"] as? String == "ok" })
            // Every prompt answered with success once: nothing finished was repeated.
            #expect(ledger.counts.withLock { $0.count == 20 && $0.values.allSatisfy { $0.successes == 1 } })
        }
    }
    /// Ctrl-C: the in-flight edits are recorded cancelled, the rest are not started, the
    /// summary still comes out, and the exit status is 130.
    @Test(.tags(.slow)) func ctrlCCancelsInFlightJobsAndExits130() throws {
        try withTemporaryDirectory { directory in
            let jobs = try Self.jobs(6, in: directory)
            let server = try LoopbackServer()
            defer { server.stop() }
            server.hang()
            let workspace = directory.appendingPathComponent("ws").path
            let child = try spawnBinary(["batch", jobs, "--workspace", workspace, "--concurrency", "2", "--provider", "openai",
                                         "--base-url", "http://127.0.0.1:\(server.port)/v1"],
                                        environment: ["OPENAI_API_KEY": Self.key], outputIn: directory)
            #expect(server.waitForRequests(2))
            child.signal(SIGINT)
            let result = child.wait()
            #expect(result.status == 130, "\(result.stderr)")
            let counts = try #require((try Self.summary(result))["counts"] as? [String: Int])
            #expect(counts["cancelled"] == 2 && counts["not-started"] == 4, "\(counts)")
            let entries = try InterruptionTests.entries(workspace)
            #expect(entries.count == 2 && entries.allSatisfy { $0["status"] as? String == "cancelled" })
        }
    }
}
