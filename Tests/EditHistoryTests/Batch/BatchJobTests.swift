import EditHistory
import Foundation
import Testing
import TestSupport

/// Jobs files as the fuzzer found them (`Fixtures/regression/`).
@Suite struct BatchJobTests {
    /// A job with `"id": ""` was accepted with an empty key, which names no job: a re-run
    /// would take it for any other job keyed "" (found by `scripts/fuzz.sh batch`). Now
    /// refused, naming the line.
    @Test func anEmptyIdIsRefused() throws {
        let bytes = try FixtureFiles.bytes("regression/batch-empty-id.jsonl")
        #expect(throws: HistoryError.self) { _ = try BatchJob.parse(bytes, path: "jobs.jsonl") }
        do {
            _ = try BatchJob.parse(bytes, path: "jobs.jsonl")
        } catch {
            #expect("\(error)".contains("\"id\" must not be empty"), "\(error)")
        }
        for id in ["\"\"", "\"  \""] {
            let line = Array("{\"op\": \"diff\", \"a\": \"a.png\", \"b\": \"b.png\", \"id\": \(id)}\n".utf8)
            #expect(throws: HistoryError.self) { _ = try BatchJob.parse(line, path: "jobs.jsonl") }
        }
        let named = try BatchJob.parse(Array("{\"op\": \"diff\", \"a\": \"a.png\", \"b\": \"b.png\", \"id\": \"x\"}\n".utf8), path: "jobs.jsonl")
        #expect(named.map(\.key) == ["x"])
    }
}
