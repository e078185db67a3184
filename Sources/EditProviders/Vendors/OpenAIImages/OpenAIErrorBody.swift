#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `{"error": {"message", "type", "param", "code", "moderation_details": {"moderation_stage"}}}`
/// (spec §1.10), and how each becomes an `EditProviderError`.
struct OpenAIErrorBody: Decodable {
    struct Details: Decodable {
        var message: String?
        var type: String?
        var param: String?
        var code: String?
        var moderation_details: Moderation?
    }

    struct Moderation: Decodable {
        var moderation_stage: String?
    }

    var error: Details?

    /// The error for a non-2xx `response` (after the last retry).
    static func error(for response: HTTPResponseData) -> EditProviderError {
        let details = (try? JSONDecoder().decode(OpenAIErrorBody.self, from: Data(response.body)))?.error
        let requestID = response.header("x-request-id")
        let message = details?.message ?? (String(decoding: response.body.prefix(300), as: UTF8.self).trimmingSpaces.isEmpty
            ? "no message" : String(decoding: response.body.prefix(300), as: UTF8.self))
        switch response.status {
        case 400 where details?.code == "moderation_blocked":
            return .moderationBlocked(message: message, stage: details?.moderation_details?.moderation_stage, requestID: requestID)
        case 401:
            return .unauthorized(message: message)
        case 429:
            return .rateLimited(message: message, retryAfterSeconds: RetryPolicy.serverWait(response))
        default:
            return .http(status: response.status, message: message, type: details?.type, param: details?.param, code: details?.code, requestID: requestID)
        }
    }
}
