public import ImageOps

/// How a provider wants its mask file: the convention, and the largest PNG it accepts.
public struct MaskRules: Sendable, Hashable {
    public var convention: MaskConvention
    /// Largest accepted mask PNG in bytes (nil: no limit). A mask above it is re-encoded
    /// at maximum compression, and refused if still too large.
    public var maxBytes: Int?
    /// Who sets the limit, for the refusal message (e.g. "OpenAI masks").
    public var limitName: String

    public init(convention: MaskConvention, maxBytes: Int? = nil, limitName: String = "masks") {
        self.convention = convention
        self.maxBytes = maxBytes
        self.limitName = limitName
    }
}
