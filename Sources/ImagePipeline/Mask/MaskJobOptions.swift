public import ImageCore
public import ImageOps

/// What `MaskJob` makes and where it writes it.
public struct MaskJobOptions: Sendable {
    /// Image whose upright size the mask takes (also the preview's background).
    public var likePath: String?
    /// The mask size without an image.
    public var size: PixelSize?
    /// A mask file to start from, how to read it, and whether to invert it as read.
    public var fromPath: String?
    public var fromChannel: MaskImport.Channel?
    public var invertInput: Bool
    /// A JSON shapes file, drawn before `recipe.shapes`.
    public var shapesPath: String?
    /// The steps after the start: shapes, invert, grow/shrink, feather.
    public var recipe: MaskRecipe
    /// The provider's convention and byte limit for the written mask.
    public var rules: MaskRules
    /// The mask PNG to write, and optionally the preview (image tinted where selected).
    public var outputPath: String
    public var previewPath: String?

    public init(likePath: String? = nil, size: PixelSize? = nil, fromPath: String? = nil, fromChannel: MaskImport.Channel? = nil,
                invertInput: Bool = false, shapesPath: String? = nil, recipe: MaskRecipe = MaskRecipe(),
                rules: MaskRules, outputPath: String, previewPath: String? = nil) {
        self.likePath = likePath
        self.size = size
        self.fromPath = fromPath
        self.fromChannel = fromChannel
        self.invertInput = invertInput
        self.shapesPath = shapesPath
        self.recipe = recipe
        self.rules = rules
        self.outputPath = outputPath
        self.previewPath = previewPath
    }
}
