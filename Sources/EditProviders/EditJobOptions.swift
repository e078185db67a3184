public import ImageOps
public import ImagePipeline

/// Everything `retouch edit` was asked: inputs, prompt and invariants, the model and its
/// settings, the cost ceiling, paste-back, and where the result goes.
public struct EditJobOptions: Sendable {
    public var sourcePath: String
    /// The upload's file name without extension (default: the source file's name).
    public var uploadName: String?
    public var referencePaths: [String]
    /// A mask in either convention (detected, or `maskChannel`), the source's upright size
    /// unless `fitMask` resamples it.
    public var maskPath: String?
    public var maskChannel: MaskImport.Channel?
    public var fitMask: Bool
    public var prompt: String
    public var invariants: [Invariant]
    public var profile: ModelProfile
    /// nil: a long edge of min(source, 2048) for models with size rules.
    public var size: EditSizeChoice?
    /// Quality, format, compression, background, fidelity, count, partial images (the
    /// model comes from `profile`, the size from `size` and the plan).
    public var settings: EditSettings
    /// Refuse to send when the estimate's upper bound is above this (USD).
    public var maxCost: Double?
    /// Put the source back where the mask keeps it (needs a mask), blended so.
    public var pasteBack: Bool
    public var blend: PasteBack.Blend
    /// Where the result goes (its format from the extension; PNG otherwise).
    public var outputPath: String
    public var previousResponseID: String?

    public init(sourcePath: String, referencePaths: [String] = [], maskPath: String? = nil, maskChannel: MaskImport.Channel? = nil,
                fitMask: Bool = false, prompt: String, invariants: [Invariant] = [], profile: ModelProfile,
                size: EditSizeChoice? = nil, settings: EditSettings? = nil, maxCost: Double? = nil,
                pasteBack: Bool = true, blend: PasteBack.Blend = .feather, outputPath: String, previousResponseID: String? = nil) {
        self.sourcePath = sourcePath
        self.referencePaths = referencePaths
        self.maskPath = maskPath
        self.maskChannel = maskChannel
        self.fitMask = fitMask
        self.prompt = prompt
        self.invariants = invariants
        self.profile = profile
        self.size = size
        self.settings = settings ?? EditSettings(model: profile.id)
        self.maxCost = maxCost
        self.pasteBack = pasteBack
        self.blend = blend
        self.outputPath = outputPath
        self.previousResponseID = previousResponseID
    }
}
