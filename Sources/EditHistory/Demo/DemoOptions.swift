public import EditProviders
public import ImageOps
public import ImagePipeline

/// What `DemoJob` runs on and with.
public struct DemoOptions: Sendable {
    /// Folder of input images (PNG, JPEG, WebP) and the folder for the outputs (the
    /// workspace is `output/workspace`, made afresh on every run).
    public var fixtures: String
    public var output: String
    /// The model the uploads are prepared for: its size rules and name.
    public var uploadRules: SizeRules
    public var uploadRulesName: String
    /// The provider's mask convention and byte limit.
    public var maskRules: MaskRules
    /// Who edits, with which model and settings; the prompts of the two rounds.
    public var provider: any EditProvider
    public var profile: ModelProfile
    public var settings: EditSettings
    public var size: EditSizeChoice?
    public var prompts: (first: String, second: String)
    /// Refuse an edit whose estimate is above this (USD).
    public var maxCost: Double?
    /// The channel the final versions are exported for, and its byte limit.
    public var exportChannel: ChannelPreset
    public var exportMaxBytes: Int

    public init(fixtures: String, output: String, uploadRules: SizeRules, uploadRulesName: String, maskRules: MaskRules,
                provider: any EditProvider = LocalEditProvider(), profile: ModelProfile, settings: EditSettings? = nil,
                size: EditSizeChoice? = nil, prompts: (first: String, second: String) = ("remove what the mask covers", "inpaint the same area again"),
                maxCost: Double? = nil, exportChannel: ChannelPreset = ChannelPreset.named("instagram-portrait")!, exportMaxBytes: Int = 500_000) {
        self.fixtures = fixtures
        self.output = output
        self.uploadRules = uploadRules
        self.uploadRulesName = uploadRulesName
        self.maskRules = maskRules
        self.provider = provider
        self.profile = profile
        self.settings = settings ?? EditSettings(model: profile.id)
        self.size = size
        self.prompts = prompts
        self.maxCost = maxCost
        self.exportChannel = exportChannel
        self.exportMaxBytes = exportMaxBytes
    }
}
