public import ImageCore

/// What `retouch edit` did: the call, its cost, and the drift. Encodes as `--json`.
public struct EditReport: Sendable, Encodable {
    public var output: String
    public var provider: String
    public var model: String
    public var prompt: String
    /// The size sent (`auto` or WxH) and the size of the image written.
    public var requestedSize: String?
    public var outputSize: PixelSize
    public var estimate: CostEstimate
    public var actualCost: Double?
    public var usage: EditUsage?
    public var requestID: String?
    public var responseID: String?
    public var revisedPrompt: String?
    public var pasteBack: String?
    public var drift: EditDrift
    /// Seconds the provider took, and attempts.
    public var seconds: Double
    public var attempts: Int
    public var warnings: [String]
    /// Where the time went (our work apart from the provider's).
    public var timings: EditTimings
}
