/// How `BatchRunner` runs: jobs at once, a budget for the whole run, the provider used
/// when a job names none, and whether requests that may have been billed are resent.
public struct BatchOptions: Sendable {
    /// 1…32.
    public var concurrency: Int
    /// USD: an edit whose estimate would take the run's total (upper bounds) above this is
    /// not sent (`over-budget`).
    public var maxCost: Double?
    public var defaultProvider: String
    /// Resend jobs whose request was recorded `unknown` or `cancelled`.
    public var retryUnknown: Bool

    public init(concurrency: Int = 4, maxCost: Double? = nil, defaultProvider: String = "local", retryUnknown: Bool = false) {
        self.concurrency = concurrency
        self.maxCost = maxCost
        self.defaultProvider = defaultProvider
        self.retryUnknown = retryUnknown
    }
}
