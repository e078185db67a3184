/// Why an edit provider cannot do what was asked, or what went wrong when it tried. Each
/// case carries what a user needs to act.
public enum EditProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No model has this id.
    case unknownModel(String, known: [String])
    /// The model was shut down; `replacement` is the model to use instead.
    case modelRetired(String, date: String, replacement: String)
    /// No provider has this id.
    case unknownProvider(String, known: [String])
    /// A request the model would refuse: `parameter` with `value` breaks `rule`. Raised
    /// before anything is sent.
    case invalidRequest(parameter: String, value: String, rule: String)
    /// The estimate is above the user's ceiling; nothing was sent.
    case overBudget(estimate: Double, limit: Double)
    /// The provider needs a key that is not set (`variable` names where it is read from).
    case notConfigured(provider: String, variable: String)
    /// The provider answered with an error status.
    case http(status: Int, message: String, type: String?, param: String?, code: String?, requestID: String?)
    /// Moderation refused the request (`stage`: input or output, when known).
    case moderationBlocked(message: String, stage: String?, requestID: String?)
    /// The key was rejected (401).
    case unauthorized(message: String)
    /// Still rate-limited after the last retry.
    case rateLimited(message: String, retryAfterSeconds: Double?)
    /// The request was sent but no answer came (read timeout, connection lost): the
    /// provider may have finished and billed it.
    case outcomeUnknown(reason: String)
    /// No connection could be made; nothing was sent.
    case unreachable(reason: String)
    /// The answer could not be understood.
    case invalidResponse(String)
    /// The user cancelled.
    case cancelled
    /// This build cannot call the provider (`reason` says why and what works instead).
    case providerUnavailable(String, reason: String)

    public var description: String {
        switch self {
        case .unknownModel(let id, let known):
            "unknown model \(id); known models: \(known.joined(separator: ", "))"
        case .modelRetired(let id, let date, let replacement):
            "model \(id) was retired on \(date); use \(replacement) instead"
        case .unknownProvider(let id, let known):
            "unknown provider \(id); known providers: \(known.joined(separator: ", "))"
        case .invalidRequest(let parameter, let value, let rule):
            "\(parameter) \(value) is not accepted: \(rule)"
        case .overBudget(let estimate, let limit):
            "estimated cost up to $\(CostEstimate.dollars(estimate)) is above --max-cost $\(CostEstimate.dollars(limit)); nothing was sent"
        case .notConfigured(let provider, let variable):
            "provider \(provider) needs an API key: set \(variable)"
        case .http(let status, let message, let type, let param, let code, let requestID):
            "HTTP \(status)\(type.map { " \($0)" } ?? "")\(code.map { " (\($0))" } ?? ""): \(message)"
                + (param.map { " [parameter \($0)]" } ?? "") + (requestID.map { " [request \($0)]" } ?? "")
        case .moderationBlocked(let message, let stage, let requestID):
            "moderation refused the request\(stage.map { " at the \($0) stage" } ?? ""): \(message)" + (requestID.map { " [request \($0)]" } ?? "")
        case .unauthorized(let message):
            "the API key was rejected (401): \(message)"
        case .rateLimited(let message, let retryAfter):
            "rate limited after the last retry: \(message)" + (retryAfter.map { "; the provider asks to wait \($0) s" } ?? "")
        case .outcomeUnknown(let reason):
            "the request was sent but no answer came (\(reason)): the outcome is unknown and it may have been charged; not retried (pass --retry-after-send to allow it)"
        case .unreachable(let reason):
            "the provider could not be reached (\(reason)); nothing was sent"
        case .invalidResponse(let detail):
            "the provider's answer could not be read: \(detail)"
        case .cancelled:
            "cancelled (a request already sent may still be finished and charged by the provider)"
        case .providerUnavailable(let id, let reason):
            "provider \(id) cannot be called: \(reason)"
        }
    }
}
