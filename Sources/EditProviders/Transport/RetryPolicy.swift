/// When and after how long a billed edit call may be sent again (spec §1.10, §7).
///
/// Retried: failures before the body was sent, and 408/409/429/5xx answers (an
/// `x-should-retry` header overrides), waiting `retry-after-ms` or `Retry-After` (seconds
/// or an HTTP date) when 0 < wait ≤ 120 s, otherwise 0.5 s × 2ⁿ capped at 8 s with
/// 0.75–1.0 jitter; a server wait over 120 s means no retry. Never retried: other 4xx.
/// A request sent without an answer is not retried unless `retryAfterSend`.
public struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt (default 2: three attempts).
    public var maxRetries: Int
    /// Also retry after a timeout or a lost connection once the body was sent.
    public var retryAfterSend: Bool
    /// The longest server-requested wait honoured, in seconds.
    public static let maxServerWait = 120.0

    public init(maxRetries: Int = 2, retryAfterSend: Bool = false) {
        self.maxRetries = maxRetries
        self.retryAfterSend = retryAfterSend
    }

    /// Whether a response with this status (and headers) may be retried.
    public static func isRetryable(_ response: HTTPResponseData) -> Bool {
        switch response.header("x-should-retry")?.lowercased() {
        case "true": return true
        case "false": return false
        default: return [408, 409, 429].contains(response.status) || response.status >= 500
        }
    }

    /// The wait the server asked for, in seconds (`retry-after-ms`, then `retry-after` as
    /// seconds or an HTTP date relative to `now`), or nil.
    public static func serverWait(_ response: HTTPResponseData, now: Double = WallClock.secondsSince1970()) -> Double? {
        if let text = response.header("retry-after-ms"), let ms = Double(text), ms.isFinite { return ms / 1000 }
        guard let text = response.header("retry-after")?.trimmingSpaces else { return nil }
        if let seconds = Double(text), seconds.isFinite { return seconds }
        return HTTPDate.secondsSince1970(text).map { $0 - now }
    }

    /// The wait before retry number `retry` (0-based) after `response`, or nil when the
    /// server's wait is too long to honour. `jitter` is in 0.75…1.0.
    public static func delay(retry: Int, after response: HTTPResponseData?, jitter: Double) -> Double? {
        if let response, let wait = serverWait(response) {
            if wait > maxServerWait { return nil }
            if wait > 0 { return wait }
        }
        var backoff = 0.5
        for _ in 0..<min(retry, 10) { backoff *= 2 }
        return min(backoff, 8) * jitter
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(scalars[first...last])
    }
}
