/// One provider's pace, shared by every request to it in a process (`batch`): a 429 (or a
/// 503 with a wait) holds back every request until the wait the provider asked for (or
/// 1 s) has passed, not only the one that was refused.
public actor RateGate {
    /// When the next request may start (`ContinuousClock` instant), and how many 429s were
    /// seen.
    private var notBefore: ContinuousClock.Instant
    public private(set) var throttled = 0

    public init() {
        notBefore = ContinuousClock.now
    }

    /// Waits until requests may go again.
    ///
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    public func ready() async throws {
        while true {
            let wait = notBefore - ContinuousClock.now
            if wait <= .zero { return }
            try await Task.sleep(for: wait)
        }
    }

    /// Holds every request back by `seconds` from now (never shortens a longer hold).
    public func holdBack(seconds: Double) {
        throttled += 1
        let until = ContinuousClock.now + .milliseconds(Int64((max(0, seconds) * 1000).rounded(.up)))
        if until > notBefore { notBefore = until }
    }
}
