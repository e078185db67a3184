public import ImageCore
public import ImageOps

/// What `EditJob` will send and how it will map the answer back, decided before any call.
public struct EditPlan: Sendable {
    /// The request as the provider gets it (upload, mask, final prompt, settings).
    public var request: EditRequest
    public var estimate: CostEstimate
    /// Upload (and model output) pixels ↔ source pixels.
    public var transform: FitTransform
    /// The source, decoded whole and upright.
    public var source: PixelBuffer
    /// The source's upright size, and the mask on its grid (255 = edit), when there is one.
    public var sourceSize: PixelSize
    public var sourceMask: Mask?
    /// How the upload size was chosen, in words.
    public var sizeDecision: String
    public var warnings: [String]
    /// Seconds the plan took (reading, preparing, encoding, validating, pricing).
    public var seconds: Double
}
