public import ImageOps
public import ImagePipeline

/// What `DemoJob` runs on and with.
public struct DemoOptions: Sendable {
    /// Folder of input images (PNG, JPEG, WebP) and the folder for the outputs.
    public var fixtures: String
    public var output: String
    /// The model the uploads are prepared for: its size rules and name.
    public var uploadRules: SizeRules
    public var uploadRulesName: String
    /// The provider's mask convention and byte limit.
    public var maskRules: MaskRules

    public init(fixtures: String, output: String, uploadRules: SizeRules, uploadRulesName: String, maskRules: MaskRules) {
        self.fixtures = fixtures
        self.output = output
        self.uploadRules = uploadRules
        self.uploadRulesName = uploadRulesName
        self.maskRules = maskRules
    }
}
