/// Sends one HTTP request and returns the whole response. Implementations never retry
/// (that is `RetryPolicy`'s decision) and say whether a failed request was sent.
public protocol HTTPTransport: Sendable {
    /// - Parameters:
    ///   - timeout: the longest wait for the whole exchange.
    ///   - onBodyPart: called with each part of the response body as it arrives (for
    ///     server-sent events), before the whole body is returned.
    /// - Throws: `TransportFailure`.
    func send(_ request: HTTPRequestData, timeout: Duration, onBodyPart: (@Sendable ([UInt8]) -> Void)?) async throws -> HTTPResponseData
}
