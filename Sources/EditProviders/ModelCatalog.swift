import ImageCore
import ImageOps

/// The models Retouch knows, one line each: add a model here.
public enum ModelCatalog {
    /// OpenAI's three standard sizes for GPT image models without custom sizes.
    static let standardSizes = [PixelSize(width: 1024, height: 1024), PixelSize(width: 1536, height: 1024), PixelSize(width: 1024, height: 1536)]
    static let megabytes = 1_000_000

    /// The model used when none is named (mask rules, demo uploads).
    public static let defaultModelID = "gpt-image-2"

    public static let all: [ModelProfile] = [
        ModelProfile(id: "gpt-image-2", vendor: "openai", status: .live, sizeRules: .constrained(.init(
            edgeMultiple: 16, maxEdge: 3840, maxAspectRatio: 3, minPixels: 655_360, maxPixels: 8_294_400,
            experimentalAbovePixels: 2560 * 1440)), maxImageBytes: 50 * megabytes, maxMaskBytes: 4 * megabytes),
        ModelProfile(id: "gpt-image-1.5", vendor: "openai", status: .live, sizeRules: .fixed(standardSizes),
                     maxImageBytes: 50 * megabytes, maxMaskBytes: 4 * megabytes),
        ModelProfile(id: "gpt-image-1-mini", vendor: "openai", status: .live, sizeRules: .fixed(standardSizes),
                     maxImageBytes: 50 * megabytes, maxMaskBytes: 4 * megabytes),
        ModelProfile(id: "chatgpt-image-latest", vendor: "openai", status: .live, sizeRules: .fixed(standardSizes),
                     maxImageBytes: 50 * megabytes, maxMaskBytes: 4 * megabytes),
        ModelProfile(id: "gpt-image-1", vendor: "openai", status: .retired(date: "2026-10-23", replacement: "gpt-image-2"),
                     sizeRules: .fixed(standardSizes), maxImageBytes: 50 * megabytes, maxMaskBytes: 4 * megabytes),
        ModelProfile(id: "dall-e-2", vendor: "openai", status: .retired(date: "2026-05-12", replacement: "gpt-image-2"),
                     sizeRules: .fixed([PixelSize(width: 256, height: 256), PixelSize(width: 512, height: 512), PixelSize(width: 1024, height: 1024)]),
                     maxImageBytes: 4 * megabytes, maxMaskBytes: 4 * megabytes),
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
}
