import ImageCore
import ImageOps

/// The models Retouch knows, one entry each: add a model here. Facts from
/// `../shared/specs/provider-apis.md` (section in each comment).
public enum ModelCatalog {
    /// OpenAI's three standard sizes for GPT image models without custom sizes.
    static let standardSizes = [PixelSize(width: 1024, height: 1024), PixelSize(width: 1536, height: 1024), PixelSize(width: 1024, height: 1536)]
    static let megabytes = 1_000_000
    /// gpt-image-2's custom sizes (§1.4), shared by the 2.5 models (§7).
    static let customSizes = SizeRules.constrained(.init(
        edgeMultiple: 16, maxEdge: 3840, maxAspectRatio: 3, minPixels: 655_360, maxPixels: 8_294_400,
        experimentalAbovePixels: 2560 * 1440))
    /// gpt-image-1 / 1.5 output tokens by quality × size (§3.2).
    static let gptImage1Tokens: [EditQuality: [PixelSize: Int]] = [
        .low: [standardSizes[0]: 272, standardSizes[2]: 408, standardSizes[1]: 400],
        .medium: [standardSizes[0]: 1056, standardSizes[2]: 1584, standardSizes[1]: 1568],
        .high: [standardSizes[0]: 4160, standardSizes[2]: 6240, standardSizes[1]: 6208],
    ]
    /// gpt-image-1-mini's published prices per image (§3.2, OpenAI's page).
    static let miniPrices: [EditQuality: [PixelSize: Double]] = [
        .low: [standardSizes[0]: 0.005, standardSizes[2]: 0.006, standardSizes[1]: 0.006],
        .medium: [standardSizes[0]: 0.011, standardSizes[2]: 0.015, standardSizes[1]: 0.015],
        .high: [standardSizes[0]: 0.036, standardSizes[2]: 0.052, standardSizes[1]: 0.052],
    ]
    /// FLUX Kontext follows the input's aspect between 21:9 and 9:21 (§4); no size is sent.
    static let kontextSizes = SizeRules.constrained(.init(edgeMultiple: 1, maxEdge: 16_384, maxAspectRatio: 21.0 / 9, minPixels: 1, maxPixels: 16_384 * 16_384))

    /// The model used when none is named (mask rules, demo uploads, `edit`).
    public static let defaultModelID = "gpt-image-2"

    public static let all: [ModelProfile] = [
        // §1.4, §1.5, §3.1 (T2 prices), §7 (no input_fidelity, transparency not relied on).
        ModelProfile(id: "gpt-image-2", provider: "openai", sizeRules: customSizes, maxImageBytes: 50 * megabytes, maxMaskBytes: 4 * megabytes,
                     inputFidelity: .omit, textInputPerMillion: 5, imageInputPerMillion: 8, outputPricing: .gptImage2Formula(dollarsPerMillion: 30)),
        // §7: custom sizes, qualities up to max; transparency refused in practice; prices not published.
        ModelProfile(id: "gpt-image-2.5-sunburst", provider: "openai", sizeRules: customSizes, maxImageBytes: 50 * megabytes, maxMaskBytes: 4 * megabytes,
                     qualities: [.low, .medium, .high, .xhigh, .max, .auto], inputFidelity: .omit),
        ModelProfile(id: "gpt-image-2.5-flare", provider: "openai", sizeRules: customSizes, maxImageBytes: 50 * megabytes, maxMaskBytes: 4 * megabytes,
                     qualities: [.low, .medium, .high, .xhigh, .max, .auto], inputFidelity: .omit),
        // §1.5, §3.1–3.2 (T2: $32/M output).
        ModelProfile(id: "gpt-image-1.5", provider: "openai", sizeRules: .fixed(standardSizes), maxImageBytes: 50 * megabytes, maxMaskBytes: 4 * megabytes,
                     transparency: true, textInputPerMillion: 5, imageInputPerMillion: 8,
                     outputPricing: .tokenTable(gptImage1Tokens, dollarsPerMillion: 32)),
        // §1.5, §3.1, §7 (input_fidelity low only).
        ModelProfile(id: "gpt-image-1-mini", provider: "openai", sizeRules: .fixed(standardSizes), maxImageBytes: 50 * megabytes, maxMaskBytes: 4 * megabytes,
                     transparency: true, inputFidelity: .lowOnly, textInputPerMillion: 2, imageInputPerMillion: 2.5,
                     outputPricing: .perImage(miniPrices)),
        ModelProfile(id: "chatgpt-image-latest", provider: "openai", sizeRules: .fixed(standardSizes), maxImageBytes: 50 * megabytes, maxMaskBytes: 4 * megabytes),
        ModelProfile(id: "gpt-image-1", provider: "openai", status: .retired(date: "2026-10-23", replacement: "gpt-image-2"),
                     sizeRules: .fixed(standardSizes), maxImageBytes: 50 * megabytes, maxMaskBytes: 4 * megabytes),
        ModelProfile(id: "dall-e-2", provider: "openai", status: .retired(date: "2026-05-12", replacement: "gpt-image-2"),
                     sizeRules: .fixed([PixelSize(width: 256, height: 256), PixelSize(width: 512, height: 512), PixelSize(width: 1024, height: 1024)]),
                     maxImageBytes: 4 * megabytes, maxMaskBytes: 4 * megabytes, maxInputImages: 1, maxPromptLength: 1000),
        // §4, §7: no mask, no size; png or jpeg; $0.04 / $0.08 per image; up to 4 input images.
        ModelProfile(id: "flux-kontext-pro", provider: "flux-kontext", sizeRules: kontextSizes, maxImageBytes: 20 * megabytes, maxMaskBytes: 0,
                     qualities: [], outputFormats: [.png, .jpeg], inputFidelity: .omit, maxInputImages: 4, maxPromptLength: 5000,
                     acceptsMask: false, acceptsSize: false, outputPricing: .flat(0.04)),
        ModelProfile(id: "flux-kontext-max", provider: "flux-kontext", sizeRules: kontextSizes, maxImageBytes: 20 * megabytes, maxMaskBytes: 0,
                     qualities: [], outputFormats: [.png, .jpeg], inputFidelity: .omit, maxInputImages: 4, maxPromptLength: 5000,
                     acceptsMask: false, acceptsSize: false, outputPricing: .flat(0.08)),
        // The offline provider: fills the mask from its surroundings; any size, free.
        ModelProfile(id: "local-inpaint", provider: "local", sizeRules: .constrained(.init(edgeMultiple: 1, maxEdge: 16_384, maxAspectRatio: 1000, minPixels: 1, maxPixels: 16_384 * 16_384)),
                     maxImageBytes: 500 * megabytes, maxMaskBytes: 500 * megabytes, qualities: [], outputFormats: [.png],
                     inputFidelity: .omit, maxInputImages: 1, maxPromptLength: 32_000, outputPricing: .flat(0)),
    ]

    /// The live model with `id` (snapshot suffixes such as `gpt-image-2-2026-04-21` resolve
    /// to their alias).
    ///
    /// - Throws: `EditProviderError.modelRetired` naming the date and the replacement, or
    ///   `.unknownModel` listing the known ids.
    public static func profile(for id: String) throws(EditProviderError) -> ModelProfile {
        let match = all.first { $0.id == id } ?? all.sorted { $0.id.count > $1.id.count }.first { id.hasPrefix($0.id + "-20") }
        guard let profile = match else {
            throw .unknownModel(id, known: all.filter { $0.status == .live }.map(\.id))
        }
        if case .retired(let date, let replacement) = profile.status {
            throw .modelRetired(id, date: date, replacement: replacement)
        }
        return profile
    }

    /// The live models a provider serves, in catalogue order.
    public static func models(of provider: String) -> [ModelProfile] {
        all.filter { $0.provider == provider && $0.status == .live }
    }
}
