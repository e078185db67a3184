/// One edit: the base image (first) and reference images, an optional mask for the base
/// image, the prompt as the user wrote it, the invariants to keep, and the settings.
/// Only our own types: no HTTP or vendor type.
public struct EditRequest: Sendable, Hashable {
    public var image: EditImage
    public var references: [EditImage]
    /// A PNG in the provider's convention (OpenAI: alpha 0 = edit), the base image's size.
    public var mask: EditImage?
    public var prompt: String
    public var invariants: [Invariant]
    public var settings: EditSettings
    /// The previous response to continue from (Responses API chaining).
    public var previousResponseID: String?

    public init(image: EditImage, references: [EditImage] = [], mask: EditImage? = nil, prompt: String,
                invariants: [Invariant] = [], settings: EditSettings, previousResponseID: String? = nil) {
        self.image = image
        self.references = references
        self.mask = mask
        self.prompt = prompt
        self.invariants = invariants
        self.settings = settings
        self.previousResponseID = previousResponseID
    }

    /// Every image in the order sent: the base image, then the references.
    public var images: [EditImage] { [image] + references }

    /// The prompt as sent: the user's prompt, then one sentence per invariant.
    public var finalPrompt: String { PromptBuilder.prompt(prompt, invariants: invariants) }
}
