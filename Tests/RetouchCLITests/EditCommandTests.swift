import Foundation
import Synchronization
import ImageCodecs
import ImageCore
import ImageOps
import Testing
import TestSupport

@Suite struct EditCommandTests {
    static let coffee = FixtureFiles.path("inputs/coffee.png")

    static func mask(in directory: URL) async throws -> String {
        let path = directory.appendingPathComponent("mask.png").path
        let made = await runInProcess(["mask", "--like", coffee, "--ellipse", "50%,45%,15%,20%", "--feather", "8", "-o", path])
        #expect(made.status == 0, "\(made.stderr)")
        return path
    }

    /// Spec §3.2: a gpt-image-2 1024×1024 high image costs $0.211; the dry run shows the
    /// multipart fields, files and the final prompt, and sends nothing.
    @Test func dryRunPricesAndShowsTheRequest() async throws {
        try await withTemporaryDirectory { directory in
            let mask = try await Self.mask(in: directory)
            let output = directory.appendingPathComponent("out.png").path
            let result = await runInProcess(["edit", Self.coffee, "--mask", mask, "--prompt", "a glass instead", "--keep", "background",
                                             "--quality", "high", "--size", "1024x1024", "--dry-run", "-o", output])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("$0.211 for the output image (7024 output tokens)"), "\(result.stdout)")
            #expect(result.stdout.contains("POST https://api.openai.com/v1/images/edits"))
            #expect(result.stdout.contains("a glass instead. Keep the background unchanged."))
            #expect(result.stdout.contains("mask               mask.png image/png 1024x1024"))
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }

    @Test func refusalsHappenBeforeSending() async throws {
        try await withTemporaryDirectory { directory in
            let mask = try await Self.mask(in: directory)
            let output = directory.appendingPathComponent("out.png").path
            let size = await runInProcess(["edit", Self.coffee, "--mask", mask, "--prompt", "x", "--size", "1000x1000", "--dry-run", "-o", output])
            #expect(size.status == 64 && size.stderr.contains("nearest valid sizes"), "\(size.stderr)")
            let cost = await runInProcess(["edit", Self.coffee, "--mask", mask, "--prompt", "x", "--quality", "high", "--size", "1024x1024", "--max-cost", "0.1", "--dry-run", "-o", output])
            #expect(cost.status == 1 && cost.stderr.contains("above --max-cost $0.10; nothing was sent"), "\(cost.stderr)")
            let transparent = await runInProcess(["edit", Self.coffee, "--prompt", "x", "--background", "transparent", "--dry-run", "-o", output])
            #expect(transparent.status == 64 && transparent.stderr.contains("background transparent is not accepted"), "\(transparent.stderr)")
            let small = directory.appendingPathComponent("small.png").path
            _ = await runInProcess(["mask", "--size", "60x40", "--rect", "1,1,10,10", "-o", small])
            let mismatch = await runInProcess(["edit", Self.coffee, "--mask", small, "--prompt", "x", "--dry-run", "-o", output])
            #expect(mismatch.status == 65 && mismatch.stderr.contains("pass --fit-mask"), "\(mismatch.stderr)")
            #expect(await runInProcess(["edit", Self.coffee, "--mask", small, "--fit-mask", "--prompt", "x", "--dry-run", "-o", output]).status == 0)
        }
    }

    @Test func aMissingKeyIsNamed() async throws {
        try await withTemporaryDirectory { directory in
            guard ProcessInfo.processInfo.environment["OPENAI_API_KEY"] == nil else { return }
            let result = await runInProcess(["edit", Self.coffee, "--prompt", "x", "--provider", "openai", "-o", directory.appendingPathComponent("o.png").path])
            #expect(result.status == 69 && result.stderr == "error: provider openai needs an API key: set OPENAI_API_KEY\n")
            // Without a key or a named provider, the offline provider edits (and says so).
            let local = await runInProcess(["edit", Self.coffee, "--prompt", "x", "--no-workspace", "-o", directory.appendingPathComponent("o.png").path])
            #expect(local.stderr.contains("note: no OPENAI_API_KEY: using the offline local provider") && local.stderr.contains("local"), "\(local.stderr)")
        }
    }

    /// --api-key-file replaces the variable; OPENAI_BASE_URL points the OpenAI shapes
    /// elsewhere (and --base-url wins over it).
    @Test(.tags(.slow)) func keyFileAndBaseURLFromTheEnvironment() throws {
        try withTemporaryDirectory { directory in
            let keyFile = directory.appendingPathComponent("key").path
            try FileAccess.write(Array("  sk-from-file  \nsecond line\n".utf8), to: keyFile)
            let output = directory.appendingPathComponent("o.png").path
            let (sent, _) = try runBinary(["edit", Self.coffee, "--prompt", "x", "--api-key-file", keyFile, "--no-workspace", "--timeout", "1", "--retries", "0",
                                           "-o", output], environment: ["OPENAI_BASE_URL": "http://127.0.0.1:9/v1"])
            // The key was found (no "needs an API key"), the environment's base URL was used.
            #expect(sent.status == 69 && sent.stderr.contains("127.0.0.1:9") && !sent.stderr.contains("sk-from-file"), "\(sent.stderr)")
            let (dry, _) = try runBinary(["edit", Self.coffee, "--prompt", "x", "--dry-run", "-o", output], environment: ["OPENAI_BASE_URL": "http://proxy.invalid/v1"])
            #expect(dry.stdout.contains("POST http://proxy.invalid/v1/images/edits"), "\(dry.stdout)")
            let (given, _) = try runBinary(["edit", Self.coffee, "--prompt", "x", "--dry-run", "--base-url", "http://given.invalid/v1", "-o", output],
                                           environment: ["OPENAI_BASE_URL": "http://proxy.invalid/v1"])
            #expect(given.stdout.contains("POST http://given.invalid/v1/images/edits"))
            let empty = directory.appendingPathComponent("empty").path
            try FileAccess.write([], to: empty)
            let (refused, _) = try runBinary(["edit", Self.coffee, "--prompt", "x", "--api-key-file", empty, "--no-workspace", "-o", output])
            #expect(refused.status != 0 && refused.stderr.contains("holds no key"), "\(refused.stderr)")
        }
    }

    /// The local provider end to end: the mask's hole is filled, and every pixel the mask
    /// keeps is the source's exactly.
    @Test func localEditPastesBackTheSourceOutsideTheMask() async throws {
        try await withTemporaryDirectory { directory in
            let mask = try await Self.mask(in: directory)
            let output = directory.appendingPathComponent("out.png").path
            let result = await runInProcess(["edit", Self.coffee, "--mask", mask, "--prompt", "remove the cup", "--provider", "local", "--no-workspace", "-o", output, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            let source = try decodedFile(Self.coffee).converted(to: .rgba8), edited = try decodedFile(output).converted(to: .rgba8)
            let coverage = MaskConvention.openai.mask(from: try decodedFile(mask))
            #expect(edited.size == source.size)
            var kept = 0, changed = 0
            for y in 0..<source.height { for x in 0..<source.width {
                if coverage[x, y] == 0 { kept += 1; #expect(edited[x, y] == source[x, y]) } else if edited[x, y] != source[x, y] { changed += 1 }
            } }
            #expect(kept > 150_000 && changed > 10_000)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(report["provider"] as? String == "local" && report["pasteBack"] as? String == "feather")
        }
    }

    @Test func providersListsModelsPricesAndKeys() async throws {
        let result = await runInProcess(["providers", "--json"])
        #expect(result.status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(list.map { $0["id"] as? String } == ["openai", "openai-responses", "flux-kontext", "local"])
        let models = try #require(list[0]["models"] as? [[String: Any]])
        let gpt2 = try #require(models.first { $0["model"] as? String == "gpt-image-2" })
        #expect((gpt2["price"] as? String)?.contains("high $0.211") == true)
        let text = await runInProcess(["providers"])
        #expect(text.stdout.contains("OPENAI_API_KEY"))
    }

    /// `edit --from` with openai-responses continues the stored conversation: the second
    /// request carries the first answer's id as previous_response_id.
    @Test(.tags(.slow)) func fromChainsTheResponsesConversation() throws {
        try withTemporaryDirectory { directory in
            let png = try FileAccess.read(Self.coffee)
            let bodies = Mutex<[String]>([])
            let server = try LoopbackServer()
            defer { server.stop() }
            server.script { index, body in
                bodies.withLock { $0.append(String(decoding: body, as: UTF8.self)) }
                let answer = #"{"id": "resp_\#(index + 1)", "output": [{"type": "image_generation_call", "id": "ig_1", "status": "completed", "result": "\#(Data(png).base64EncodedString())"}]}"#
                return (200, [], Array(answer.utf8))
            }
            let mask = try HistoryCommandTests.mask(in: directory)
            let workspace = directory.appendingPathComponent("ws").path
            let base = "http://127.0.0.1:\(server.port)/v1"
            let (first, _) = try runBinary(["edit", Self.coffee, "--mask", mask, "--prompt", "a glass", "--provider", "openai-responses", "--base-url", base,
                                            "--workspace", workspace, "-o", directory.appendingPathComponent("v1.png").path], environment: ["OPENAI_API_KEY": "sk-test"])
            #expect(first.status == 0, "\(first.stderr)")
            let (second, _) = try runBinary(["edit", "--from", "v1", "--prompt", "a taller glass", "--base-url", base, "--workspace", workspace,
                                             "-o", directory.appendingPathComponent("v2.png").path], environment: ["OPENAI_API_KEY": "sk-test"])
            #expect(second.status == 0 && second.stdout.contains("recorded v2 from v1"), "\(second.stderr)")
            let sent = bodies.withLock { $0 }
            #expect(sent.count == 2 && !sent[0].contains("previous_response_id") && sent[1].contains(#""previous_response_id":"resp_1""#), "\(sent.map { $0.prefix(300) })")
        }
    }
}
