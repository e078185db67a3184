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
        /// A file holding the API key (its first line), instead of the environment variable.
        var apiKeyFile: String?
        /// The provider's shared pace (batch runs: a 429 slows every job of the provider).
        var gate: RateGate?
    }

    /// The provider used when none is named: `openai` when a key is configured (the
    /// variable, or a key file), otherwise the offline `local` one.
    static func defaultProvider(apiKeyFile: String?) -> String {
        apiKeyFile != nil || !(Environment.value("OPENAI_API_KEY") ?? "").isEmpty ? "openai" : "local"
    }

    /// `--base-url`, else OPENAI_BASE_URL for both OpenAI shapes (a proxy, a compatible
    /// server), else the provider's own.
    static func baseURL(_ entry: EditProviderRegistry.Entry, given: String?) -> String {
        if let given { return given }
        if entry.id.hasPrefix("openai"), let value = Environment.value("OPENAI_BASE_URL"), !value.isEmpty { return value }
        return entry.baseURL
    }

    /// The key in `path`: its first line, trimmed.
    ///
    /// - Throws: `FileError` when unreadable or empty.
    static func key(inFile path: String) throws -> String {
        // A key file may be a pipe (process substitution); a key is never more than 64 KB.
        let bytes = try FileAccess.read(path, limit: 65_536, allowStreams: true)
        let line = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let key = String(line.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        guard !key.isEmpty else { throw FileError(path: path, underlying: FileAccessError.cannotRead(path: path, reason: "holds no key (the first line is empty)")) }
        return key
    }

    /// - Throws: `EditProviderError.notConfigured` without a key, `.providerUnavailable`
    ///   for a provider this build cannot call.
    ///   `FileError` for an unreadable key file.
    static func make(_ entry: EditProviderRegistry.Entry, settings: Settings) throws -> any EditProvider {
        var key = ""
        if let variable = entry.keyVariable {
            if let file = settings.apiKeyFile {
                key = try Self.key(inFile: file)
            } else {
                guard let value = Environment.value(variable), !value.isEmpty else { throw EditProviderError.notConfigured(provider: entry.id, variable: variable) }
                key = value
            }
        }
        let baseURL = Self.baseURL(entry, given: settings.baseURL)
        let console = Console.current
        let call = ProviderCall(
            transport: settings.gate.map { GatedTransport(AsyncHTTPClientTransport(), gate: $0) } ?? AsyncHTTPClientTransport(), policy: RetryPolicy(maxRetries: settings.retries, retryAfterSend: settings.retryAfterSend),
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
            return OpenAIImagesProvider(apiKey: key, baseURL: baseURL, call: call, onPartialImage: onPartial)
        case "openai-responses":
            return OpenAIResponsesProvider(apiKey: key, baseURL: baseURL, call: call)
        case "flux-kontext":
            return FluxKontextProvider(apiKey: key, baseURL: baseURL, call: call, deadline: settings.timeout)
        default:
            throw EditProviderError.providerUnavailable(entry.id, reason: "no provider has this id in this build")
        }
    }
}
