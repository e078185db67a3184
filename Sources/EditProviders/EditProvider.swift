/// One pluggable edit stage: a remote API or the offline local provider. Implementations
/// are value types configured at init (key, base URL, timeouts); the request carries only
/// our own types.
public protocol EditProvider: Sendable {
    /// `openai`, `openai-responses`, `flux-kontext`, `local`.
    var id: String { get }
    /// The models it serves.
    var models: [ModelProfile] { get }
    /// Runs the edit. The request has been validated against the model's profile.
    ///
    /// - Throws: `EditProviderError`.
    func edit(_ request: EditRequest) async throws -> EditResult
}
