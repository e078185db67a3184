/// What a provider returned: the encoded images and what it said about the call.
public struct EditResult: Sendable {
    /// The output images as encoded by the provider (PNG, JPEG or WebP bytes).
    public var images: [[UInt8]]
    public var usage: EditUsage?
    /// USD, from `usage` (or the provider's own figure), when known.
    public var actualCost: Double?
    /// The provider's id for the request (`x-request-id`, a task id), for support.
    public var requestID: String?
    /// The id to continue from in the next round (Responses API).
    public var responseID: String?
    /// The prompt as the model rewrote it, when it says.
    public var revisedPrompt: String?
    /// Wall time of the call, and how many attempts it took.
    public var duration: Duration
    public var attempts: Int

    public init(images: [[UInt8]], usage: EditUsage? = nil, actualCost: Double? = nil, requestID: String? = nil, responseID: String? = nil,
                revisedPrompt: String? = nil, duration: Duration = .zero, attempts: Int = 1) {
        self.images = images
        self.usage = usage
        self.actualCost = actualCost
        self.requestID = requestID
        self.responseID = responseID
        self.revisedPrompt = revisedPrompt
        self.duration = duration
        self.attempts = attempts
    }
}
