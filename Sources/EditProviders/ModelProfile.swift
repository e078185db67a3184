public import ImageOps
public import ImagePipeline

/// One image-edit model: its id, its size rules, and whether it can still be called.
/// See `../shared/specs/provider-apis.md` §1.1, §1.4–1.6.
public struct ModelProfile: Sendable, Hashable {
    /// Whether the model can be called.
    public enum Status: Sendable, Hashable {
        case live
        /// Shut down on `date` (YYYY-MM-DD); use `replacement` instead.
        case retired(date: String, replacement: String)
    }

    public var id: String
    public var vendor: String
    public var status: Status
    public var sizeRules: SizeRules
    /// Largest accepted upload per image, in bytes.
    public var maxImageBytes: Int
    /// Largest accepted mask PNG, in bytes.
    public var maxMaskBytes: Int

    /// The mask file this model's provider expects (OpenAI: alpha 0 = edit, at most
    /// `maxMaskBytes`).
    public var maskRules: MaskRules {
        MaskRules(convention: .openai, maxBytes: maxMaskBytes, limitName: "OpenAI masks")
    }

    public init(id: String, vendor: String, status: Status, sizeRules: SizeRules, maxImageBytes: Int, maxMaskBytes: Int) {
        self.id = id
        self.vendor = vendor
        self.status = status
        self.sizeRules = sizeRules
        self.maxImageBytes = maxImageBytes
        self.maxMaskBytes = maxMaskBytes
    }
}
