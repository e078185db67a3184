import EditProviders

/// The composition root for providers: builds one from its registry entry and the
/// environment (keys are read here and nowhere else).
enum ProviderFactory {
    /// - Throws: `EditProviderError.notConfigured` without a key, `.providerUnavailable`
    ///   for a provider this build cannot call.
    static func make(_ entry: EditProviderRegistry.Entry) throws(EditProviderError) -> any EditProvider {
        if let variable = entry.keyVariable, Environment.value(variable)?.isEmpty != false {
            throw .notConfigured(provider: entry.id, variable: variable)
        }
        switch entry.id {
        case "local":
            return LocalEditProvider()
        default:
            throw .providerUnavailable(entry.id, reason: "this build has no HTTP transport yet; --dry-run shows the exact request, and --provider local edits offline")
        }
    }
}
