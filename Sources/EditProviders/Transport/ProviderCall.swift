/// Sends a billed provider call with `RetryPolicy`: builds a fresh request per attempt
/// (a new multipart boundary each time), waits between attempts, and turns transport
/// failures into `EditProviderError`s that say whether the call may have been charged.
public struct ProviderCall: Sendable {
    public var transport: any HTTPTransport
    public var policy: RetryPolicy
    /// The longest wait for one attempt.
    public var timeout: Duration
    /// Told before each retry: the attempt about to start (1-based) and the wait, seconds.
    public var onRetry: (@Sendable (Int, Double) -> Void)?

    public init(transport: any HTTPTransport, policy: RetryPolicy = RetryPolicy(), timeout: Duration = .seconds(600),
                onRetry: (@Sendable (Int, Double) -> Void)? = nil) {
        self.transport = transport
        self.policy = policy
        self.timeout = timeout
        self.onRetry = onRetry
    }

    /// The final response (a success, or an error the policy does not retry, or the last
    /// retryable one) and the number of attempts.
    ///
    /// - Throws: `EditProviderError.unreachable` (never sent), `.outcomeUnknown` (sent,
    ///   no answer, not retried), `.cancelled`, `.invalidResponse` (too large).
    public func send(_ make: (Int) -> HTTPRequestData, onBodyPart: (@Sendable ([UInt8]) -> Void)? = nil) async throws -> (HTTPResponseData, attempts: Int) {
        var retry = 0
        var generator = SystemRandomNumberGenerator()
        while true {
            let response: HTTPResponseData
            let request = make(retry)
            do {
                response = try await transport.send(request, timeout: timeout, onBodyPart: onBodyPart)
            } catch let failure as TransportFailure {
                switch failure {
                case .notSent(let reason):
                    guard retry < policy.maxRetries else { throw EditProviderError.unreachable(reason: "\(request.url): \(reason)") }
                case .sentNoAnswer(let reason):
                    guard policy.retryAfterSend && retry < policy.maxRetries else { throw EditProviderError.outcomeUnknown(reason: "\(request.url): \(reason)") }
                case .cancelled:
                    throw EditProviderError.cancelled
                case .responseTooLarge(let limit):
                    throw EditProviderError.invalidResponse("the answer is over \(limit) bytes")
                }
                try await wait(RetryPolicy.delay(retry: retry, after: nil, jitter: Double.random(in: 0.75...1, using: &generator))!, before: retry + 2)
                retry += 1
                continue
            }
            guard !(200..<300).contains(response.status), RetryPolicy.isRetryable(response), retry < policy.maxRetries,
                  let delay = RetryPolicy.delay(retry: retry, after: response, jitter: Double.random(in: 0.75...1, using: &generator)) else {
                return (response, retry + 1)
            }
            try await wait(delay, before: retry + 2)
            retry += 1
        }
    }

    private func wait(_ seconds: Double, before attempt: Int) async throws {
        onRetry?(attempt, seconds)
        do {
            try await Task.sleep(for: .milliseconds(Int((seconds * 1000).rounded(.up))))
        } catch {
            throw EditProviderError.cancelled
        }
    }
}
