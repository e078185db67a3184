import EditProviders
import Foundation
import ImageCodecs
import ImageCore
import Testing
import TestSupport

/// `flux-kontext` against a fake BFL server: submit → Pending ×3 → Ready → download.
@Suite(.serialized) struct FluxKontextProviderTests {
    static let png = try! ImageCodec.encode(SyntheticImages.gradient(width: 24, height: 16), options: .png(.default))

    static func request() throws -> EditRequest {
        EditRequest(image: try EditImage(filename: "photo.png", bytes: png), prompt: "a glass",
                    settings: EditSettings(model: "flux-kontext-pro", outputFormat: .png))
    }

    static func run(_ replies: (String) -> [FakeServer.Reply], deadline: Duration = .seconds(600)) async throws -> (Result<EditResult, EditProviderError>, [FakeServer.Recorded]) {
        // The polling URL must point at the server itself: learn the port first.
        let server = FakeServer([.close])
        let base = try await server.start()
        server.setReplies(replies(base))
        let provider = FluxKontextProvider(apiKey: "bfl-key", baseURL: base, call: ProviderCall(transport: AsyncHTTPClientTransport(), timeout: .seconds(5)),
                                           pollInterval: .milliseconds(20), deadline: deadline)
        let outcome: Result<EditResult, EditProviderError>
        do { outcome = .success(try await provider.edit(try Self.request())) } catch let error as EditProviderError { outcome = .failure(error) }
        let seen = server.requests
        await server.stop()
        return (outcome, seen)
    }

    @Test func submitPollThenDownload() async throws {
        let pending = FakeServer.Reply.json(status: 200, body: #"{"id": "task-1", "status": "Pending"}"#)
        let (outcome, seen) = try await Self.run { base in [
            .json(status: 200, body: #"{"id": "task-1", "polling_url": "\#(base)/get_result?id=task-1", "cost": 4}"#),
            pending, pending, pending,
            .json(status: 200, body: #"{"id": "task-1", "status": "Ready", "result": {"sample": "\#(base)/sample.png"}}"#),
            .data(status: 200, headers: [("Content-Type", "image/png")], body: Self.png),
        ] }
        let result = try outcome.get()
        #expect(seen.map(\.method) == ["POST", "GET", "GET", "GET", "GET", "GET"])
        #expect(seen[0].uri == "/v1/flux-kontext-pro" && seen[0].header("x-key") == "bfl-key")
        #expect(seen[1].uri == "/v1/get_result?id=task-1" && seen[1].header("x-key") == "bfl-key")
        #expect(seen[5].uri == "/v1/sample.png" && seen[5].header("x-key") == nil)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(seen[0].body)) as? [String: Any])
        #expect(body["prompt"] as? String == "a glass" && body["output_format"] as? String == "png")
        #expect((body["input_image"] as? String).flatMap { Data(base64Encoded: $0) }.map([UInt8].init) == Self.png)
        #expect(result.requestID == "task-1" && result.actualCost == 0.04)
        #expect(result.images == [Self.png])
    }

    @Test(arguments: [("Request Moderated", "input"), ("Content Moderated", "output")])
    func moderationSaysWhichSide(status: String, stage: String) async throws {
        let (outcome, _) = try await Self.run { base in [
            .json(status: 200, body: #"{"id": "t", "polling_url": "\#(base)/get_result?id=t"}"#),
            .json(status: 200, body: #"{"id": "t", "status": "\#(status)"}"#),
        ] }
        guard case .failure(.moderationBlocked(_, let got, _)) = outcome else { Issue.record("\(outcome)"); return }
        #expect(got == stage)
    }

    @Test func outOfCreditsAndALostTaskAreClear() async throws {
        let (credits, seen) = try await Self.run { _ in [.json(status: 402, body: #"{"detail": "Insufficient credits"}"#)] }
        #expect(seen.count == 1)
        guard case .failure(.http(402, let message, _, _, _, _)) = credits else { Issue.record("\(credits)"); return }
        #expect(message.hasPrefix("insufficient credits"))
        let (lost, _) = try await Self.run { base in [
            .json(status: 200, body: #"{"id": "t", "polling_url": "\#(base)/get_result?id=t"}"#),
            .json(status: 200, body: #"{"id": "t", "status": "Task not found"}"#),
        ] }
        guard case .failure(.invalidResponse(let detail)) = lost else { Issue.record("\(lost)"); return }
        #expect(detail.contains("not found"))
    }

    @Test func theDeadlineEndsPolling() async throws {
        let (outcome, seen) = try await Self.run({ base in [
            .json(status: 200, body: #"{"id": "t", "polling_url": "\#(base)/get_result?id=t"}"#),
            .json(status: 200, body: #"{"id": "t", "status": "Pending"}"#),
        ] }, deadline: .milliseconds(300))
        guard case .failure(.outcomeUnknown(let reason)) = outcome else { Issue.record("\(outcome)"); return }
        #expect(reason.contains("not ready"))
        #expect(seen.count >= 3)
    }
}
