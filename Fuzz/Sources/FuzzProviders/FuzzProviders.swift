import Dispatch
import EditProviders
import ImageCodecs
import ImageCore
import Synchronization

/// The provider response parsers: `openai` (JSON and server-sent events), `openai-responses`
/// and `flux-kontext` (submit, poll, download), each fed answers made from the input
/// through an in-memory transport, plus the `Retry-After` parsing and the SSE framer.
///
/// Input: byte 0 picks the provider, byte 1 the status of every answer; the rest is split
/// at each 0x00 into the successive answers' bodies (the first is also used as a
/// `Retry-After` value). No retries, no waits, at most 6 exchanges per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProviders(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    guard bytes.count >= 2 else { return 0 }
    let statuses = [200, 200, 200, 200, 400, 401, 402, 404, 422, 429, 500, 503, 201, 302]
    let status = statuses[Int(bytes[1]) % statuses.count]
    let bodies = bytes.dropFirst(2).split(separator: 0, omittingEmptySubsequences: false).map(Array.init)
    let header = String(decoding: bodies.first ?? [], as: UTF8.self)

    let answer = HTTPResponseData(status: status, headers: [("retry-after", header), ("x-request-id", "req_fuzz")], body: [])
    _ = RetryPolicy.serverWait(answer, now: 1_700_000_000)
    var events = ServerSentEvents()
    for body in bodies { _ = events.feed(body) }

    let transport = ScriptedTransport(status: status, bodies: bodies)
    let call = ProviderCall(transport: transport, policy: RetryPolicy(maxRetries: 0), timeout: .seconds(5))
    let provider: any EditProvider
    var settings = EditSettings(model: "gpt-image-2")
    switch bytes[0] % 4 {
    case 0: provider = OpenAIImagesProvider(apiKey: "k", baseURL: "http://fuzz", call: call)
    case 1:
        provider = OpenAIImagesProvider(apiKey: "k", baseURL: "http://fuzz", call: call, onPartialImage: { _, _ in })
        settings.partialImages = 2
    case 2: provider = OpenAIResponsesProvider(apiKey: "k", baseURL: "http://fuzz", call: call)
    default:
        provider = FluxKontextProvider(apiKey: "k", baseURL: "http://fuzz", call: call, pollInterval: .zero, deadline: .seconds(2))
        settings = EditSettings(model: "flux-kontext-pro")
    }
    let request = EditRequest(image: Seed.image, prompt: "fuzz", settings: settings)
    let finished = DispatchSemaphore(value: 0)
    Task {
        if let result = try? await provider.edit(request) {
            precondition(!result.images.isEmpty, "a successful edit returns an image")
        }
        finished.signal()
    }
    finished.wait()
    return 0
}

/// Answers each request with the next scripted body (the last one repeats), and refuses
/// after six exchanges so a poll loop on a fuzzed "Pending" ends quickly.
final class ScriptedTransport: HTTPTransport {
    let status: Int
    let bodies: [[UInt8]]
    let exchanges = Mutex(0)

    init(status: Int, bodies: [[UInt8]]) {
        self.status = status
        self.bodies = bodies.isEmpty ? [[]] : bodies
    }

    func send(_ request: HTTPRequestData, timeout: Duration, onBodyPart: (@Sendable ([UInt8]) -> Void)?) async throws -> HTTPResponseData {
        let index = exchanges.withLock { value in defer { value += 1 }; return value }
        guard index < 6 else { throw TransportFailure.notSent("fuzz: no more answers") }
        let body = bodies[min(index, bodies.count - 1)]
        if let onBodyPart {
            let half = body.count / 2
            onBodyPart(Array(body[..<half]))
            onBodyPart(Array(body[half...]))
        }
        return HTTPResponseData(status: status, headers: [("content-type", "application/json"), ("x-request-id", "req_fuzz")], body: body)
    }
}

/// The base image every request carries: an 8×8 PNG.
enum Seed {
    static let image: EditImage = {
        let pixels = PixelBuffer(width: 8, height: 8, format: .rgba8)
        let png = try! ImageCodec.encode(pixels, options: .default(for: .png))
        return try! EditImage(filename: "seed.png", bytes: png)
    }()
}
