/// Why a transport got no response, split by what matters for a billed call: whether
/// the request can have reached the provider.
public enum TransportFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing was sent (connection refused, DNS, TLS, connect timeout): safe to retry.
    case notSent(String)
    /// The request was sent (at least in part) and no answer came (read timeout,
    /// connection lost): the provider may have finished and billed it.
    case sentNoAnswer(String)
    /// The answer was larger than the cap.
    case responseTooLarge(limit: Int)
    case cancelled

    public var description: String {
        switch self {
        case .notSent(let reason): "not sent: \(reason)"
        case .sentNoAnswer(let reason): "sent, no answer: \(reason)"
        case .responseTooLarge(let limit): "the answer is over \(limit) bytes"
        case .cancelled: "cancelled"
        }
    }
}
