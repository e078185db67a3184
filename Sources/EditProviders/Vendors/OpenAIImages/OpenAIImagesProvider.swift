import Synchronization

/// `openai`: `POST {baseURL}/images/edits` as multipart (spec §1), with the retry policy
/// of a billed call, and server-sent partial images when streaming.
public struct OpenAIImagesProvider: EditProvider {
    public let id = "openai"
    public var models: [ModelProfile] { ModelCatalog.models(of: "openai") }

    /// The key (sent as `Authorization: Bearer`), base URL (`https://api.openai.com/v1`),
    /// and how to send.
    public var apiKey: String
    public var baseURL: String
    public var call: ProviderCall
    /// Called with each partial image (0-based index, encoded bytes) as it arrives.
    public var onPartialImage: (@Sendable (Int, [UInt8]) -> Void)?

    public init(apiKey: String, baseURL: String, call: ProviderCall, onPartialImage: (@Sendable (Int, [UInt8]) -> Void)? = nil) {
        self.apiKey = apiKey
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.call = call
        self.onPartialImage = onPartialImage
    }

    public func edit(_ request: EditRequest) async throws -> EditResult {
        let clock = ContinuousClock(), start = clock.now
        let parts = OpenAIImagesRequest.parts(request)
        let streaming = request.settings.partialImages != nil
        let url = baseURL + OpenAIImagesRequest.path
        let apiKey = self.apiKey
        var generator = SystemRandomNumberGenerator()
        let boundaries = (0...call.policy.maxRetries).map { _ in MultipartBody.randomBoundary(using: &generator) }
        let make = { (attempt: Int) -> HTTPRequestData in
            let body = MultipartBody(parts: parts, boundary: boundaries[min(attempt, boundaries.count - 1)])
            return HTTPRequestData(method: "POST", url: url, headers: [
                ("Authorization", "Bearer \(apiKey)"), ("Accept", "application/json"), ("Content-Type", body.contentType),
                ("User-Agent", "retouch/0.1.0"), ("X-Retry-Count", String(attempt)),
            ], body: body.bytes)
        }
        var onBodyPart: (@Sendable ([UInt8]) -> Void)?
        if streaming, let onPartial = onPartialImage {
            let parser = EventStream()
            onBodyPart = { bytes in
                for event in parser.feed(bytes) where event.name == "image_edit.partial_image" || event.data.contains("\"image_edit.partial_image\"") {
                    guard let decoded = try? OpenAIImagesResponse.decode(Array(event.data.utf8)), let image = try? decoded.images().first else { continue }
                    onPartial(decoded.partial_image_index ?? 0, image)
                }
            }
        }
        let (response, attempts) = try await call.send(make, onBodyPart: onBodyPart)
        guard (200..<300).contains(response.status) else { throw OpenAIErrorBody.error(for: response) }
        let decoded: OpenAIImagesResponse
        if streaming {
            var events = ServerSentEvents()
            let completed = events.feed(response.body + [10, 10]).last { $0.data.contains("\"image_edit.completed\"") }
            guard let completed else { throw EditProviderError.invalidResponse("the stream ended without an image_edit.completed event") }
            decoded = try OpenAIImagesResponse.decode(Array(completed.data.utf8))
        } else {
            decoded = try OpenAIImagesResponse.decode(response.body)
        }
        let images = try decoded.images()
        let usage = decoded.usage?.editUsage
        let profile = try? ModelCatalog.profile(for: request.settings.model)
        return EditResult(images: images, usage: usage, actualCost: usage.flatMap { u in profile.flatMap { CostModel.actual(u, profile: $0) } },
                          requestID: response.header("x-request-id"), revisedPrompt: decoded.data?.first?.revised_prompt,
                          duration: clock.now - start, attempts: attempts)
    }
}

/// A `ServerSentEvents` parser shared with the transport's callback.
final class EventStream: Sendable {
    private let parser = Mutex(ServerSentEvents())

    func feed(_ bytes: [UInt8]) -> [ServerSentEvents.Event] {
        parser.withLock { $0.feed(bytes) }
    }
}
