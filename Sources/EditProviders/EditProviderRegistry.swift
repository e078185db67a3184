/// The providers Retouch can call, by id, and where each reads its key. The CLI's
/// composition root reads the environment and builds them.
public enum EditProviderRegistry {
    /// A provider's id, what it is, the environment variable its key comes from (nil:
    /// none needed) and its default base URL.
    public struct Entry: Sendable, Hashable, Encodable {
        public var id: String
        public var summary: String
        public var keyVariable: String?
        public var baseURL: String
        /// Which catalogue provider's models it serves.
        public var catalogueProvider: String
    }

    public static let entries: [Entry] = [
        Entry(id: "openai", summary: "OpenAI Images API, POST /images/edits (multipart)", keyVariable: "OPENAI_API_KEY",
              baseURL: "https://api.openai.com/v1", catalogueProvider: "openai"),
        Entry(id: "openai-responses", summary: "OpenAI Responses API with the image_generation tool (multi-turn)", keyVariable: "OPENAI_API_KEY",
              baseURL: "https://api.openai.com/v1", catalogueProvider: "openai"),
        Entry(id: "flux-kontext", summary: "Black Forest Labs FLUX.1 Kontext, submit and poll", keyVariable: "BFL_API_KEY",
              baseURL: "https://api.bfl.ai/v1", catalogueProvider: "flux-kontext"),
        Entry(id: "local", summary: "offline fill of the masked area (no network, no cost)", keyVariable: nil,
              baseURL: "", catalogueProvider: "local"),
    ]

    /// The entry for `id`.
    ///
    /// - Throws: `EditProviderError.unknownProvider` listing the known ids.
    public static func entry(_ id: String) throws(EditProviderError) -> Entry {
        guard let entry = entries.first(where: { $0.id == id }) else { throw .unknownProvider(id, known: entries.map(\.id)) }
        return entry
    }

    /// The model a provider uses when none is named.
    public static func defaultModel(for id: String) -> String {
        switch id {
        case "flux-kontext": "flux-kontext-pro"
        case "local": "local-inpaint"
        default: ModelCatalog.defaultModelID
        }
    }
}
