/// The provider-visible settings of one edit call. Unset (nil) settings are not sent, so
/// the provider's defaults apply.
public struct EditSettings: Sendable, Hashable {
    /// The model id (a catalogue id or a dated snapshot of one).
    public var model: String
    public var quality: EditQuality?
    public var size: EditSize?
    public var outputFormat: EditFormat?
    /// 0…100, only with JPEG or WebP output.
    public var outputCompression: Int?
    public var background: EditBackground?
    public var inputFidelity: InputFidelity?
    /// Number of images, 1…10.
    public var count: Int?
    /// Partial images to stream (0…3); nil: no streaming.
    public var partialImages: Int?

    public init(model: String, quality: EditQuality? = nil, size: EditSize? = nil, outputFormat: EditFormat? = nil,
                outputCompression: Int? = nil, background: EditBackground? = nil, inputFidelity: InputFidelity? = nil,
                count: Int? = nil, partialImages: Int? = nil) {
        self.model = model
        self.quality = quality
        self.size = size
        self.outputFormat = outputFormat
        self.outputCompression = outputCompression
        self.background = background
        self.inputFidelity = inputFidelity
        self.count = count
        self.partialImages = partialImages
    }
}
