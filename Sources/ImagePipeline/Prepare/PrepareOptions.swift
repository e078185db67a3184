public import ImageOps

/// What `PrepareJob` should make of an image.
public struct PrepareOptions: Sendable {
    /// The size rules the output must satisfy (nil: none). Resolve a model id to its
    /// rules through `EditProviders.ModelCatalog`.
    public var sizeRules: SizeRules?
    /// The name of the rules for reports and warnings (the model id, e.g. `gpt-image-2`).
    public var sizeRulesName: String?
    /// A publishing channel: its ratio (and, without rules or size, its size).
    public var channel: ChannelPreset?
    /// An aspect ratio `width:height` to crop or pad to (instead of a channel).
    public var aspect: (width: Int, height: Int)?
    /// The size wanted: tier, long edge or exact size (nil: the channel's size, or under
    /// rules a long edge of min(source, 2048), or else the framed source size).
    public var target: FitTarget?
    public var fit: FitMode
    public var gravity: Gravity
    public var padColor: PadColor
    public var resample: ResampleOptions
    /// Use JPEG DCT scaling when the output is at least 2× smaller. Default true.
    public var shrinkOnLoad: Bool
    /// Apply EXIF orientation first. Default true.
    public var orient: Bool
    /// Keep the input's numbers and re-embed its ICC profile in the output, instead of
    /// converting a non-sRGB profile to sRGB on decode. Default false.
    public var keepICC: Bool

    public init(sizeRules: SizeRules? = nil, sizeRulesName: String? = nil, channel: ChannelPreset? = nil,
                aspect: (width: Int, height: Int)? = nil, target: FitTarget? = nil, fit: FitMode = .crop,
                gravity: Gravity = .center, padColor: PadColor = .auto, resample: ResampleOptions = .default,
                shrinkOnLoad: Bool = true, orient: Bool = true, keepICC: Bool = false) {
        self.sizeRules = sizeRules
        self.sizeRulesName = sizeRulesName
        self.channel = channel
        self.aspect = aspect
        self.target = target
        self.fit = fit
        self.gravity = gravity
        self.padColor = padColor
        self.resample = resample
        self.shrinkOnLoad = shrinkOnLoad
        self.orient = orient
        self.keepICC = keepICC
    }
}
