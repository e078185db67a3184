public import ImageOps
public import ImagePipeline

/// One image-edit model: who serves it, its size rules, what it accepts, and its prices.
/// See `../shared/specs/provider-apis.md` §1.1–1.6, §3, §4 and §7.
public struct ModelProfile: Sendable, Hashable {
    /// Whether the model can be called.
    public enum Status: Sendable, Hashable {
        case live
        /// Shut down on `date` (YYYY-MM-DD); use `replacement` instead.
        case retired(date: String, replacement: String)
    }

    /// What the model does with `input_fidelity`.
    public enum FidelitySupport: Sendable, Hashable {
        /// The parameter must be omitted (gpt-image-2: sending it is an error).
        case omit
        /// Only `low` is accepted.
        case lowOnly
        /// `low` and `high`.
        case lowAndHigh
    }

    public var id: String
    /// The provider that serves it: `openai`, `flux-kontext`, `local`.
    public var provider: String
    public var status: Status
    /// Output sizes the model accepts (the `size` parameter); input images may be any size.
    public var sizeRules: SizeRules
    /// Largest accepted upload per image, in bytes.
    public var maxImageBytes: Int
    /// Largest accepted mask PNG, in bytes.
    public var maxMaskBytes: Int
    public var qualities: [EditQuality]
    public var outputFormats: [EditFormat]
    /// Whether `background=transparent` is accepted.
    public var transparency: Bool
    public var inputFidelity: FidelitySupport
    /// Most images (base + references) in one request.
    public var maxInputImages: Int
    /// Longest prompt, in characters.
    public var maxPromptLength: Int
    /// Whether the model takes a mask.
    public var acceptsMask: Bool
    /// Whether the model takes a `size` (FLUX Kontext follows the input's aspect instead).
    public var acceptsSize: Bool
    /// USD per 1M text and image input tokens (nil: not priced), and the output price.
    public var textInputPerMillion: Double?
    public var imageInputPerMillion: Double?
    public var outputPricing: OutputPricing

    public init(id: String, provider: String, status: Status = .live, sizeRules: SizeRules, maxImageBytes: Int, maxMaskBytes: Int,
                qualities: [EditQuality] = [.low, .medium, .high, .auto], outputFormats: [EditFormat] = [.png, .jpeg, .webp],
                transparency: Bool = false, inputFidelity: FidelitySupport = .lowAndHigh, maxInputImages: Int = 16,
                maxPromptLength: Int = 32_000, acceptsMask: Bool = true, acceptsSize: Bool = true,
                textInputPerMillion: Double? = nil, imageInputPerMillion: Double? = nil, outputPricing: OutputPricing = .unknown) {
        self.id = id
        self.provider = provider
        self.status = status
        self.sizeRules = sizeRules
        self.maxImageBytes = maxImageBytes
        self.maxMaskBytes = maxMaskBytes
        self.qualities = qualities
        self.outputFormats = outputFormats
        self.transparency = transparency
        self.inputFidelity = inputFidelity
        self.maxInputImages = maxInputImages
        self.maxPromptLength = maxPromptLength
        self.acceptsMask = acceptsMask
        self.acceptsSize = acceptsSize
        self.textInputPerMillion = textInputPerMillion
        self.imageInputPerMillion = imageInputPerMillion
        self.outputPricing = outputPricing
    }

    /// The mask file this model's provider expects: OpenAI alpha 0 = edit, at most
    /// `maxMaskBytes`; the others white = edit.
    public var maskRules: MaskRules {
        provider == "openai"
            ? MaskRules(convention: .openai, maxBytes: maxMaskBytes, limitName: "OpenAI masks")
            : MaskRules(convention: .white, maxBytes: maxMaskBytes, limitName: "\(id) masks")
    }
}
