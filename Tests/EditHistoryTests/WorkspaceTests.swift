import EditHistory
import EditProviders
import Foundation
import GRDB
import ImageCodecs
import ImageCore
import ImageOps
import ImagePipeline
import Testing
import TestSupport

@Suite struct WorkspaceTests {
    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    /// A provider that refuses, for the failure path.
    struct Refusing: EditProvider {
        let id = "local"
        var models: [ModelProfile] { [] }
        func edit(_ request: EditRequest) async throws -> EditResult {
            throw EditProviderError.moderationBlocked(message: "no", stage: "input", requestID: nil)
        }
    }

    static func options(in directory: URL) throws -> EditJobOptions {
        let mask = directory.appendingPathComponent("mask.png").path
        var coverage = Mask(width: 600, height: 400)
        for y in 150..<250 { for x in 250..<350 { coverage[x, y] = 255 } }
        try FileAccess.write(try MaskJob.encode(coverage, rules: MaskRules(convention: .openai)), to: mask)
        return EditJobOptions(sourcePath: FixtureFiles.path("inputs/coffee.png"), maskPath: mask, prompt: "remove the cup", invariants: [.background],
                              profile: try ModelCatalog.profile(for: "local-inpaint"), outputPath: directory.appendingPathComponent("v.png").path)
    }

    @Test func anEditIsRecordedWithItsInputsAndDrift() async throws {
        try await withTemporaryDirectory { directory in
            let workspace = try Workspace(path: directory.appendingPathComponent("ws").path)
            let options = try Self.options(in: directory)
            let outcome = try await RecordedEdit.run(try EditJob.plan(options), options: options, provider: LocalEditProvider(), workspace: workspace)
            #expect(outcome.version == 1 && outcome.status == .ok)
            let entries = try workspace.history()
            #expect(entries.count == 1)
            let entry = try #require(entries.first)
            #expect(entry.id == "v1" && entry.parent == nil && entry.status == .ok && entry.prompt == "remove the cup" && entry.invariants == ["background"])
            #expect(entry.outsideSignificant == 0 && (entry.insideChanged ?? 0) > 0.3)
            // The result blob is the output file, and the source and mask are stored too.
            let blob = try #require(entry.blob)
            #expect(try workspace.blobs.get(blob) == (try FileAccess.read(options.outputPath)))
            #expect(try workspace.blobs.get(SHA256.hex(try FileAccess.read(options.sourcePath))) == (try FileAccess.read(options.sourcePath)))
            #expect(try workspace.blobs.get(SHA256.hex(try FileAccess.read(options.maskPath!))).count > 0)
            #expect(try workspace.integrityCheck() == "ok")
        }
    }

    @Test func aRefusedEditIsRecordedFailedWithItsInputsKept() async throws {
        try await withTemporaryDirectory { directory in
            let workspace = try Workspace(path: directory.appendingPathComponent("ws").path)
            let options = try Self.options(in: directory)
            await #expect(throws: EditProviderError.self) {
                try await RecordedEdit.run(try EditJob.plan(options), options: options, provider: Refusing(), workspace: workspace)
            }
            let entry = try #require(try workspace.history().first)
            #expect(entry.status == .failed && entry.blob == nil && entry.error?.contains("moderation") == true)
            #expect(try workspace.blobs.get(SHA256.hex(try FileAccess.read(options.sourcePath))).count > 0)
        }
    }

    /// Requests left by a process that is gone: not sent → interrupted; sent → unknown.
    @Test func abandonedRequestsAreSettledOnOpen() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("ws").path
            _ = try Workspace(path: path)
            let database = try DatabaseQueue(path: path + "/history.sqlite")
            // A pid that is not running (Linux pids stay below 2^22).
            let gone = 4_194_999
            try database.write { db in
                try db.execute(sql: "INSERT INTO sources (hash, name, bytes, added) VALUES ('abc', 'a.png', 1, 0)")
                for state in ["pending", "sending"] {
                    try db.execute(sql: """
                        INSERT INTO requests (created, source, prompt, finalPrompt, invariants, provider, model, state, pid)
                        VALUES (0, 'abc', 'p', 'p', '', 'openai', 'gpt-image-2', ?, ?)
                        """, arguments: [state, gone])
                }
            }
            try database.close()
            let entries = try Workspace(path: path).history()
            #expect(entries.map(\.status) == [.interrupted, .unknown])
            #expect(entries[1].error?.contains("may have been billed") == true)
        }
    }
}
