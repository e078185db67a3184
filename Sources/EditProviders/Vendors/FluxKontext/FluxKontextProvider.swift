#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ImagePipeline

/// `flux-kontext`: Black Forest Labs FLUX.1 Kontext (spec §4, §7). Submits
/// `POST {base}/{model}` with `x-key`, polls the `polling_url` the answer names every
/// `pollInterval` until `Ready` (or the overall `deadline`), and downloads the result at
/// once (its URL expires after 10 minutes). It takes no mask: the mask is used for
/// paste-back only.
public struct FluxKontextProvider: EditProvider {
    public let id = "flux-kontext"
    public var models: [ModelProfile] { ModelCatalog.models(of: "flux-kontext") }

    public var apiKey: String
    public var baseURL: String
    public var call: ProviderCall
    public var pollInterval: Duration
    /// The longest time from submit to result.
    public var deadline: Duration

    public init(apiKey: String, baseURL: String, call: ProviderCall, pollInterval: Duration = .milliseconds(1500), deadline: Duration = .seconds(600)) {
        self.apiKey = apiKey
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.call = call
        self.pollInterval = pollInterval
        self.deadline = deadline
    }

    struct Submitted: Decodable {
        var id: String?
        var polling_url: String?
        var cost: Double?
    }

    struct Polled: Decodable {
        struct Result: Decodable { var sample: String? }
        var status: String?
        var result: Result?
    }

    /// The JSON body of the submit (spec §4): prompt, input_image (base64) and up to three
    /// more references, output_format.
    static func body(_ request: EditRequest) -> [UInt8] {
        var members: [(String, JSONValue)] = [("prompt", .string(request.finalPrompt))]
        for (index, image) in request.images.prefix(4).enumerated() {
            members.append((index == 0 ? "input_image" : "input_image_\(index + 1)", .string(Data(image.bytes).base64EncodedString())))
        }
        if let format = request.settings.outputFormat { members.append(("output_format", .string(format.rawValue))) }
        return Array(JSONValue.object(members).rendered().utf8)
    }

    public func edit(_ request: EditRequest) async throws -> EditResult {
        let clock = ContinuousClock(), start = clock.now
        let headers = [("x-key", apiKey), ("Content-Type", "application/json"), ("Accept", "application/json"), ("User-Agent", "retouch/0.1.0")]
        let submitURL = baseURL + "/" + request.settings.model
        let body = Self.body(request)
        let (submitted, attempts) = try await call.send { _ in HTTPRequestData(method: "POST", url: submitURL, headers: headers, body: body) }
        guard (200..<300).contains(submitted.status) else { throw Self.error(for: submitted) }
        guard let task = try? JSONDecoder().decode(Submitted.self, from: Data(submitted.body)), let pollingURL = task.polling_url else {
            throw EditProviderError.invalidResponse("the submit answer has no polling_url: \(String(decoding: submitted.body.prefix(120), as: UTF8.self))")
        }
        // Poll until Ready; polls are reads, so each may be retried.
        while true {
            if clock.now - start > deadline {
                throw EditProviderError.outcomeUnknown(reason: "task \(task.id ?? "?") was not ready within \(Int(deadline.components.seconds)) s")
            }
            do { try await Task.sleep(for: pollInterval) } catch { throw EditProviderError.cancelled }
            let (answer, _) = try await call.send { _ in HTTPRequestData(method: "GET", url: pollingURL, headers: headers) }
            guard (200..<300).contains(answer.status) else { throw Self.error(for: answer) }
            guard let polled = try? JSONDecoder().decode(Polled.self, from: Data(answer.body)) else {
                throw EditProviderError.invalidResponse("a poll answer is not JSON: \(String(decoding: answer.body.prefix(120), as: UTF8.self))")
            }
            switch polled.status {
            case "Pending", "Processing", "Queued":
                continue
            case "Ready":
                guard let sample = polled.result?.sample else { throw EditProviderError.invalidResponse("Ready without result.sample") }
                let (image, _) = try await call.send { _ in HTTPRequestData(method: "GET", url: sample, headers: [("User-Agent", "retouch/0.1.0")]) }
                guard (200..<300).contains(image.status) else { throw Self.error(for: image) }
                return EditResult(images: [image.body], actualCost: task.cost.map { $0 / 100 }, requestID: task.id,
                                  duration: clock.now - start, attempts: attempts)
            case "Request Moderated":
                throw EditProviderError.moderationBlocked(message: "the input was flagged (Request Moderated)", stage: "input", requestID: task.id)
            case "Content Moderated":
                throw EditProviderError.moderationBlocked(message: "the output was flagged (Content Moderated)", stage: "output", requestID: task.id)
            case "Task not found":
                throw EditProviderError.invalidResponse("task \(task.id ?? "?") was not found")
            default:
                throw EditProviderError.http(status: answer.status, message: "task \(polled.status ?? "without a status")", type: nil, param: nil, code: polled.status, requestID: task.id)
            }
        }
    }

    /// An error answer: 402 is out of credits; 401/403 a rejected key; 429 rate limited.
    static func error(for response: HTTPResponseData) -> EditProviderError {
        let text = String(decoding: response.body.prefix(300), as: UTF8.self)
        switch response.status {
        case 402: return .http(status: 402, message: "insufficient credits: \(text)", type: nil, param: nil, code: "insufficient_credits", requestID: nil)
        case 401, 403: return .unauthorized(message: text)
        case 429: return .rateLimited(message: text, retryAfterSeconds: RetryPolicy.serverWait(response))
        default: return .http(status: response.status, message: text, type: nil, param: nil, code: nil, requestID: nil)
        }
    }
}
