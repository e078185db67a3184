import EditProviders
import Foundation
import Synchronization
import ImageCodecs
import ImageCore
import Testing
import TestSupport

/// The `openai` provider against a fake OpenAI server on 127.0.0.1 (spec §1).
@Suite(.serialized) struct OpenAIImagesProviderTests {
    static let png = try! ImageCodec.encode(SyntheticImages.gradient(width: 32, height: 32), options: .png(.default))
    static let b64 = Data(png).base64EncodedString()
    static let success = #"{"created": 1, "data": [{"b64_json": "\#(b64)"}], "size": "1024x1024", "quality": "high", "usage": {"input_tokens": 300, "input_tokens_details": {"text_tokens": 50, "image_tokens": 250}, "output_tokens": 7024, "total_tokens": 7324}}"#

    static func request(references: Int = 0, mask: Bool = true, partials: Int? = nil) throws -> EditRequest {
        let maskPNG = try ImageCodec.encode(PixelBuffer(width: 32, height: 32, format: .rgba8), options: .png(PNGEncodingOptions(reduceChannels: false)))
        return EditRequest(image: try EditImage(filename: "photo.png", bytes: png),
                           references: try (0..<references).map { try EditImage(filename: "ref\($0).png", bytes: png) },
                           mask: mask ? try EditImage(filename: "mask.png", bytes: maskPNG) : nil, prompt: "a glass",
                           settings: EditSettings(model: "gpt-image-2", quality: .high, size: .exact(PixelSize(width: 1024, height: 1024)), partialImages: partials))
    }

    /// Runs one edit against a fresh fake server; returns the outcome and what it saw.
    static func run(_ replies: [FakeServer.Reply], request: EditRequest? = nil, policy: RetryPolicy = RetryPolicy(), timeout: Duration = .seconds(30),
                    partials: NIOPartials? = nil) async throws -> (Result<EditResult, EditProviderError>, [FakeServer.Recorded]) {
        let server = FakeServer(replies)
        let base = try await server.start()
        var onPartial: (@Sendable (Int, [UInt8]) -> Void)?
        if let partials { onPartial = { index, bytes in partials.add(index, bytes) } }
        let provider = OpenAIImagesProvider(apiKey: "sk-test", baseURL: base,
                                            call: ProviderCall(transport: AsyncHTTPClientTransport(), policy: policy, timeout: timeout),
                                            onPartialImage: onPartial)
        let outcome: Result<EditResult, EditProviderError>
        do {
            outcome = .success(try await provider.edit(try request ?? Self.request()))
        } catch let error as EditProviderError {
            outcome = .failure(error)
        }
        let seen = server.requests
        await server.stop()
        return (outcome, seen)
    }

    @Test func theMultipartFormIsWhatTheSpecSays() async throws {
        let (outcome, seen) = try await Self.run([.json(status: 200, body: Self.success, headers: [("x-request-id", "req_1")])])
        let result = try outcome.get()
        #expect(seen.count == 1)
        let request = try #require(seen.first)
        #expect(request.method == "POST" && request.uri == "/v1/images/edits")
        #expect(request.header("authorization") == "Bearer sk-test")
        #expect(request.header("accept") == "application/json")
        let parts = try #require(ParsedPart.parse(request.body, contentType: request.header("content-type")))
        #expect(parts.map(\.name) == ["prompt", "model", "quality", "size", "image", "mask"])
        #expect(parts[0].text == "a glass" && parts[1].text == "gpt-image-2" && parts[2].text == "high" && parts[3].text == "1024x1024")
        // Text parts carry no filename or type; files carry both, with their real type.
        #expect(parts[0].filename == nil && parts[0].contentType == nil)
        #expect(parts[4].filename == "photo.png" && parts[4].contentType == "image/png" && parts[4].body == Self.png)
        #expect(parts[5].filename == "mask.png" && parts[5].contentType == "image/png")
        // The answer: the image, usage, the actual cost and the request id.
        #expect(result.images == [Self.png])
        #expect(result.usage?.outputTokens == 7024 && result.requestID == "req_1" && result.attempts == 1)
        #expect(abs((result.actualCost ?? 0) - (7024 * 30 + 50 * 5 + 250 * 8) / 1_000_000) < 1e-9)
    }

    @Test func severalImagesAreSentAsImageBrackets() async throws {
        let (outcome, seen) = try await Self.run([.json(status: 200, body: Self.success)], request: try Self.request(references: 2, mask: false))
        _ = try outcome.get()
        let parts = try #require(ParsedPart.parse(seen[0].body, contentType: seen[0].header("content-type")))
        #expect(parts.map(\.name) == ["prompt", "model", "quality", "size", "image[]", "image[]", "image[]"])
        #expect(parts.compactMap(\.filename) == ["photo.png", "ref0.png", "ref1.png"])
    }

    @Test func aBadParameterIsNamedAndNotRetried() async throws {
        let body = #"{"error": {"message": "Invalid size '1000x1000'.", "type": "invalid_request_error", "param": "size", "code": "invalid_value"}}"#
        let (outcome, seen) = try await Self.run([.json(status: 400, body: body, headers: [("x-request-id", "req_9")])])
        #expect(seen.count == 1)
        guard case .failure(let error) = outcome else { Issue.record("accepted"); return }
        #expect(error == .http(status: 400, message: "Invalid size '1000x1000'.", type: "invalid_request_error", param: "size", code: "invalid_value", requestID: "req_9"))
        #expect(error.description.contains("[parameter size]"))
    }

    @Test func moderationSaysWhichStage() async throws {
        let body = #"{"error": {"message": "Your request was rejected by the safety system.", "type": "image_generation_user_error", "code": "moderation_blocked", "moderation_details": {"moderation_stage": "input"}}}"#
        let (outcome, seen) = try await Self.run([.json(status: 400, body: body)])
        #expect(seen.count == 1)
        guard case .failure(let error) = outcome, case .moderationBlocked(_, let stage, _) = error else { Issue.record("\(outcome)"); return }
        #expect(stage == "input")
        #expect(error.description.hasPrefix("moderation refused the request at the input stage"))
    }

    @Test func aRejectedKeyIsNotRetried() async throws {
        let (outcome, seen) = try await Self.run([.json(status: 401, body: #"{"error": {"message": "Incorrect API key provided.", "code": "invalid_api_key"}}"#)])
        #expect(seen.count == 1)
        guard case .failure(.unauthorized(let message)) = outcome else { Issue.record("\(outcome)"); return }
        #expect(message == "Incorrect API key provided.")
    }

    @Test func rateLimitsWaitForRetryAfter() async throws {
        let limited = FakeServer.Reply.json(status: 429, body: #"{"error": {"message": "Rate limit exceeded for images per minute."}}"#, headers: [("Retry-After", "1")])
        let (outcome, seen) = try await Self.run([limited, .json(status: 200, body: Self.success)])
        let result = try outcome.get()
        #expect(seen.count == 2 && result.attempts == 2)
        #expect(seen[1].time - seen[0].time >= 1.0, "waited \(seen[1].time - seen[0].time) s")
        // Every attempt is the whole request again, under a new boundary.
        #expect(seen[0].header("content-type") != seen[1].header("content-type"))
        #expect(ParsedPart.parse(seen[1].body, contentType: seen[1].header("content-type"))?.count == 6)
        // Still limited after the last retry: rate limited, with the wait the server asked.
        let (last, all) = try await Self.run([limited], policy: RetryPolicy(maxRetries: 1))
        #expect(all.count == 2)
        guard case .failure(let error) = last else { Issue.record("accepted"); return }
        #expect(error == .rateLimited(message: "Rate limit exceeded for images per minute.", retryAfterSeconds: 1))
    }

    @Test func serverErrorsAreRetriedWithBackoff() async throws {
        let failing = FakeServer.Reply.json(status: 500, body: #"{"error": {"message": "The server had an error."}}"#)
        let (outcome, seen) = try await Self.run([failing, failing, failing])
        #expect(seen.count == 3)
        #expect(seen[1].time - seen[0].time >= 0.375 && seen[2].time - seen[1].time >= 0.75)
        guard case .failure(.http(let status, _, _, _, _, _)) = outcome else { Issue.record("\(outcome)"); return }
        #expect(status == 500)
    }

    @Test func aTimeoutAfterSendingIsNotRetried() async throws {
        // (No wall-time bound here: in a full parallel run the cooperative pool can be busy
        // with other suites for seconds; the answer's content says the timeout fired.)
        let (outcome, seen) = try await Self.run([.respond(status: 200, body: Self.success, delay: 3)], timeout: .seconds(1))
        #expect(seen.count == 1)
        guard case .failure(.outcomeUnknown(let reason)) = outcome else { Issue.record("\(outcome)"); return }
        #expect(reason.hasSuffix("/v1/images/edits: timed out"), "\(reason)")
        #expect(EditProviderError.outcomeUnknown(reason: reason).description.contains("may have been charged"))
    }

    @Test func aConnectionClosedAfterTheBodyIsNotRetriedUnlessAllowed() async throws {
        let (outcome, seen) = try await Self.run([.close])
        #expect(seen.count == 1)
        guard case .failure(.outcomeUnknown) = outcome else { Issue.record("\(outcome)"); return }
        let (retried, all) = try await Self.run([.close, .json(status: 200, body: Self.success)], policy: RetryPolicy(retryAfterSend: true))
        #expect(all.count == 2 && (try? retried.get().attempts) == 2)
    }

    @Test func nothingListeningIsUnreachableAfterTheRetries() async throws {
        // Port 9 (discard), where nothing listens: not an ephemeral port a later fake server
        // could get, since the shared client's pool backs off from ports that refused it.
        let base = "http://127.0.0.1:9/v1"
        // AsyncHTTPClient keeps trying to connect until the deadline: keep it short.
        let provider = OpenAIImagesProvider(apiKey: "k", baseURL: base, call: ProviderCall(transport: AsyncHTTPClientTransport(), policy: RetryPolicy(maxRetries: 1), timeout: .seconds(1)))
        do {
            _ = try await provider.edit(try Self.request())
            Issue.record("a closed port answered")
        } catch let error as EditProviderError {
            guard case .unreachable = error else { Issue.record("\(error)"); return }
            #expect(error.description.hasSuffix("nothing was sent"))
        }
    }

    @Test func malformedJSONIsAnInvalidResponse() async throws {
        let (outcome, _) = try await Self.run([.json(status: 200, body: #"{"data": [{"b64_json": 12"#)])
        guard case .failure(.invalidResponse) = outcome else { Issue.record("\(outcome)"); return }
    }

    @Test func partialImagesArriveAsTheyStream() async throws {
        func event(_ type: String, _ extra: String) -> String {
            "event: \(type)\ndata: {\"type\": \"\(type)\", \"b64_json\": \"\(Self.b64)\"\(extra)}\n\n"
        }
        let stream: [String] = [
            event("image_edit.partial_image", ", \"partial_image_index\": 0"),
            event("image_edit.partial_image", ", \"partial_image_index\": 1"),
            event("image_edit.completed", ", \"usage\": {\"input_tokens\": 10, \"output_tokens\": 7024, \"total_tokens\": 7034}"),
        ]
        let partials = NIOPartials()
        let (outcome, seen) = try await Self.run([.events(stream, interval: 0.05)], request: try Self.request(partials: 2), partials: partials)
        let result = try outcome.get()
        #expect(partials.indices == [0, 1])
        #expect(result.images == [Self.png] && result.usage?.outputTokens == 7024)
        let parts = try #require(ParsedPart.parse(seen[0].body, contentType: seen[0].header("content-type")))
        #expect(parts.first { $0.name == "stream" }?.text == "true" && parts.first { $0.name == "partial_images" }?.text == "2")
    }
}

/// Partial images received, in order (thread-safe).
final class NIOPartials: Sendable {
    private let box = Mutex<[Int]>([])
    func add(_ index: Int, _ bytes: [UInt8]) { box.withLock { $0.append(index) } }
    var indices: [Int] { box.withLock { $0 } }
}
