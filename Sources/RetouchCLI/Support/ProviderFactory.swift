import EditProviders
import ImageCodecs

/// The composition root for providers: builds one from its registry entry, the command's
/// transport settings and the environment (keys are read here and nowhere else).
enum ProviderFactory {
    /// How to send: base URL, timeout per attempt, retries, and whether a request that was
    /// sent but got no answer may be sent again; where partial images go.
    struct Settings {
        var baseURL: String?
        var timeout: Duration
        var retries: Int
        var retryAfterSend: Bool
        /// `out/v1.png` → partial images as `out/v1-partial-1.png`, … (nil: not written).
        var partialImagePrefix: String?
    }

    /// - Throws: `EditProviderError.notConfigured` without a key, `.providerUnavailable`
    ///   for a provider this build cannot call.
    static func make(_ entry: EditProviderRegistry.Entry, settings: Settings) throws(EditProviderError) -> any EditProvider {
        var key = ""
        if let variable = entry.keyVariable {
            guard let value = Environment.value(variable), !value.isEmpty else { throw .notConfigured(provider: entry.id, variable: variable) }
            key = value
        }
        let console = Console.current
        let call = ProviderCall(
            transport: AsyncHTTPClientTransport(), policy: RetryPolicy(maxRetries: settings.retries, retryAfterSend: settings.retryAfterSend),
            timeout: settings.timeout,
            onRetry: { attempt, wait in console.printError("retrying in \(Decimals.format(wait, 1)) s (attempt \(attempt))") })
        switch entry.id {
        case "local":
            return LocalEditProvider()
        case "openai":
            var onPartial: (@Sendable (Int, [UInt8]) -> Void)?
            if let prefix = settings.partialImagePrefix {
                onPartial = { index, bytes in
                    // Partial images come in the provider's output format; PNG by default.
                    let path = "\(prefix)-partial-\(index + 1).png"
                    do {
                        try FileAccess.write(bytes, to: path)
                        console.printError("partial image \(index + 1): \(path)")
                    } catch {
                        console.printError("warning: \(error)")
                    }
                }
            }
            return OpenAIImagesProvider(apiKey: key, baseURL: settings.baseURL ?? entry.baseURL, call: call, onPartialImage: onPartial)
        case "openai-responses":
            return OpenAIResponsesProvider(apiKey: key, baseURL: settings.baseURL ?? entry.baseURL, call: call)
        case "flux-kontext":
            return FluxKontextProvider(apiKey: key, baseURL: settings.baseURL ?? entry.baseURL, call: call, deadline: settings.timeout)
        default:
            throw .providerUnavailable(entry.id, reason: "no provider has this id in this build")
        }
    }
}
