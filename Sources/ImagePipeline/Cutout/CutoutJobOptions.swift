public import ImageCodecs
public import ImageOps

/// What `CutoutJob` reads, how it cuts out and finishes, and where it writes.
public struct CutoutJobOptions: Sendable {
    public var inputPath: String
    public var outputPath: String
    /// The output format (PNG and WebP keep alpha; JPEG needs `finish.fill`).
    public var format: ImageFormat
    /// Also write the matte (alpha as greyscale, before finishing) here.
    public var alphaOutPath: String?
    /// Also write `MattePicture` (background, subject, edges, shadow) here.
    public var debugMattePath: String?
    /// Fail (`PipelineError.notPlainBackdrop`) instead of warning when the image does not
    /// look like a product on a plain backdrop.
    public var strict: Bool
    /// Backdrop, holes and shadows; `lossyInput` is set by the job from the input.
    public var cutout: CutoutOptions
    public var finish: CutoutFinish

    public init(inputPath: String, outputPath: String, format: ImageFormat, alphaOutPath: String? = nil,
                cutout: CutoutOptions = CutoutOptions(), finish: CutoutFinish = CutoutFinish(), debugMattePath: String? = nil, strict: Bool = false) {
        self.debugMattePath = debugMattePath
        self.strict = strict
        self.inputPath = inputPath
        self.outputPath = outputPath
        self.format = format
        self.alphaOutPath = alphaOutPath
        self.cutout = cutout
        self.finish = finish
    }
}
