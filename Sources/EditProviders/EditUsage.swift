/// Token counts a provider reports for one call.
public struct EditUsage: Sendable, Hashable, Encodable {
    public var inputTokens: Int
    public var textInputTokens: Int?
    public var imageInputTokens: Int?
    public var outputTokens: Int
    public var totalTokens: Int

    public init(inputTokens: Int, textInputTokens: Int? = nil, imageInputTokens: Int? = nil, outputTokens: Int, totalTokens: Int? = nil) {
        self.inputTokens = inputTokens
        self.textInputTokens = textInputTokens
        self.imageInputTokens = imageInputTokens
        self.outputTokens = outputTokens
        self.totalTokens = totalTokens ?? inputTokens + outputTokens
    }
}
