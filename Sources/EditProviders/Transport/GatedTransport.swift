/// A transport that waits for its provider's `RateGate` before each request, and holds
/// the gate back when the provider answers 429 (or 503 with a wait): the whole batch slows
/// down for that provider, not only the refused request.
public struct GatedTransport: HTTPTransport {
    public var inner: any HTTPTransport
    public var gate: RateGate
    /// The hold without a server wait, in seconds. Default 1.
    public var defaultHold: Double

    public init(_ inner: any HTTPTransport, gate: RateGate, defaultHold: Double = 1) {
        self.inner = inner
        self.gate = gate
        self.defaultHold = defaultHold
    }

    public func send(_ request: HTTPRequestData, timeout: Duration, onBodyPart: (@Sendable ([UInt8]) -> Void)?) async throws -> HTTPResponseData {
        do { try await gate.ready() } catch { throw TransportFailure.cancelled }
        let response = try await inner.send(request, timeout: timeout, onBodyPart: onBodyPart)
        let wait = RetryPolicy.serverWait(response)
        if response.status == 429 || (response.status == 503 && wait != nil) {
            await gate.holdBack(seconds: min(wait ?? defaultHold, RetryPolicy.maxServerWait))
        }
        return response
    }
}
