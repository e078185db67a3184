import ArgumentParser
import EditHistory
import EditProviders
import ImageCodecs
import ImageOps
import ImagePipeline

/// `retouch edit IMAGE --prompt TEXT [--mask MASK] -o OUT`: one edit through a provider.
struct EditCommand: RetouchCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Edit an image through a provider: validate and price before sending, put back what the mask keeps, measure the drift.",
        discussion: """
            The image is padded (never cropped) to a size the model accepts; the mask follows. The request is \
            checked against the model's rules and priced before anything is sent (--dry-run shows it and stops; \
            --max-cost refuses). The answer is mapped back onto the source's grid and, with a mask, the source is \
            put back wherever the mask keeps it (--blend feather or poisson). --keep and the rule flags add one \
            sentence each to the prompt.
            """)

    @Argument(help: "The image to edit (PNG, JPEG or WebP); not with --from.") var input: String?
    @Option(name: .long, help: "Refine a recorded version (v3): its image, mask and chips unless given again.") var from: String?
    @Option(name: .long, help: "Send a recorded request that produced no result (failed, interrupted; unknown or cancelled with --retry-unknown) again, with its stored inputs and settings.") var retry: String?
    @Flag(name: .long, help: "With --retry: also resend a request recorded unknown or cancelled (it was sent: it may be billed twice).") var retryUnknown = false
    @Option(name: .customLong("ref"), parsing: .unconditionalSingleValue, help: "A reference image (repeatable).") var references: [String] = []
    @Option(name: .long, help: "Prompt: what to change (not with --retry).") var prompt: String?
    @OptionGroup var maskInput: MaskInputOptions
    @Flag(name: .long, help: "Resample a mask of another size onto the image's.") var fitMask = false
    @Option(name: .long, parsing: .upToNextOption, help: "Keep these unchanged (comma-separated or repeated): \(Invariant.keepable.map(\.rawValue).joined(separator: ", ")).") var keep: [String] = []
    @Flag(name: .long, help: "Tell the model to change only the masked area.") var onlyMask = false
    @Flag(name: .long, help: "Tell the model to light new content like the scene.") var matchLighting = false
    @Flag(name: .long, help: "Tell the model to ground new objects with a contact shadow.") var contactShadow = false
    @Flag(name: .long, help: "Tell the model to add no new text.") var noNewText = false
    @Option(name: .long, help: "Provider: \(EditProviderRegistry.entries.map(\.id).joined(separator: ", ")) (default: openai with a key configured, otherwise local; with --from, the version's).") var provider: String?
    @Option(name: .long, help: "Model (default: the provider's; see `retouch providers`).") var model: String?
    @Option(name: .long, help: "Quality.") var quality: EditQuality?
    @Option(name: .long, help: "Output size: WxH, auto, 1k, 2k or 4k (default: a long edge of min(image, 2048)).") var size: String?
    @Option(name: .customLong("format"), help: "The provider's output format.") var outputFormat: EditFormat?
    @Option(name: .long, help: "The provider's output compression 0…100 (jpeg or webp output).") var compression: Int?
    @Option(name: .long, help: "Background.") var background: EditBackground?
    @Option(name: .long, help: "Input fidelity (models that accept it).") var inputFidelity: InputFidelity?
    @Option(name: .short, help: "Number of images 1…10.") var n: Int?
    @Flag(name: .long, help: "Draft: low quality at 1k.") var draft = false
    @Flag(name: .customLong("final"), help: "Final: high quality.") var finalQuality = false
    @Option(name: .long, help: "Refuse to send when the estimate's upper bound is above this many USD.") var maxCost: Double?
    @Flag(name: .long, help: "Keep the whole result (no paste-back of the source outside the mask).") var noPasteBack = false
    @Option(name: .long, help: "How the result meets the source at the mask's edge.") var blend: PasteBack.Blend = .feather
    @Option(name: .long, help: "Provider base URL (default: OPENAI_BASE_URL for the OpenAI shapes, else the provider's).") var baseUrl: String?
    @Option(name: .long, help: "Read the API key from this file's first line instead of the environment.") var apiKeyFile: String?
    @Option(name: .long, help: "Seconds to wait for one attempt (default 600: high-quality edits take minutes).") var timeout: Double = 600
    @Option(name: .long, help: "Retries of failures the provider answered (429, 5xx) or that were never sent (default 2).") var retries: Int = 2
    @Flag(name: .long, help: "Also retry after a timeout or lost connection once the request was sent (it may be billed twice).") var retryAfterSend = false
    @Option(name: .long, help: "Stream N partial images (1…3), written beside the output as NAME-partial-K.png.") var preview: Int?
    @Flag(name: .long, help: "Print the request, its price and the size decision; send nothing.") var dryRun = false
    @Option(name: .long, help: "Workspace folder the edit is recorded in (default .retouch in the current folder).") var workspace: String?
    @Flag(name: .long, help: "Record nothing.") var noWorkspace = false
    @Option(name: .long, help: "Drift guard against the source, KEY=VALUE with keys as in `diff` (repeatable; default significant.outside=0.02): above it the version is recorded drifted.") var maxDrift: [String] = []
    @Option(name: .shortAndLong, help: "Output image.") var output: String
    @OptionGroup var overwriteOption: OverwriteOption
    @Flag(name: .long, help: "Print JSON.") var json = false

    func validate() throws {
        if draft && finalQuality { throw ValidationError("--draft and --final cannot be combined") }
        if workspace != nil && noWorkspace { throw ValidationError("--workspace and --no-workspace cannot be combined") }
        let sources = [input != nil, from != nil, retry != nil].filter { $0 }.count
        if sources == 0 { throw ValidationError("missing the image to edit (or --from VERSION, or --retry VERSION)") }
        if sources > 1 { throw ValidationError("give one of the image, --from and --retry") }
        if (from != nil || retry != nil) && noWorkspace { throw ValidationError("\(from != nil ? "--from" : "--retry") reads the workspace: it cannot be combined with --no-workspace") }
        if let from { _ = try Self.parseVersion(from, flag: "--from") }
        if let retry { _ = try Self.parseVersion(retry, flag: "--retry") }
        if retry != nil && prompt != nil { throw ValidationError("--retry sends the stored prompt: drop --prompt (or refine with --from)") }
        if retry == nil && prompt == nil { throw ValidationError("missing --prompt") }
        if retryUnknown && retry == nil { throw ValidationError("--retry-unknown goes with --retry") }
        _ = try driftGuard()
        if let size, EditSizeChoice(text: size) == nil { throw ValidationError("--size \(size): expected WxH, auto, 1k, 2k or 4k") }
        if let maxCost, !(maxCost >= 0 && maxCost.isFinite) { throw ValidationError("--max-cost \(maxCost): expected USD ≥ 0") }
        if !(timeout > 0 && timeout <= 86_400) { throw ValidationError("--timeout \(timeout): expected seconds in 0…86400") }
        if !(0...10).contains(retries) { throw ValidationError("--retries \(retries): expected 0…10") }
        if let preview, !(1...3).contains(preview) { throw ValidationError("--preview \(preview): expected 1…3 partial images") }
        _ = try invariants()
    }

    static func parseVersion(_ text: String, flag: String) throws -> Int {
        do { return try Workspace.versionNumber(text) } catch { throw ValidationError("\(flag) \(text): expected a version such as v3") }
    }

    /// The drift guard from --max-drift (the default without it).
    func driftGuard() throws -> DriftGuard {
        guard !maxDrift.isEmpty else { return .default }
        return DriftGuard(budgets: try maxDrift.map { text in
            guard let budget = Budget(text, isMaximum: true) else {
                throw ValidationError("--max-drift \(text): expected KEY=NUMBER with a key of diff's report (e.g. significant.outside=0.02, outside.deltaE2000.p95=3)")
            }
            return budget
        })
    }

    /// The chips and rules, in the order given.
    func invariants() throws -> [Invariant] {
        var result: [Invariant]
        do { result = try Invariant.keepList(keep) } catch {
            guard case .invalidRequest(_, let value, let rule) = error else { throw error }
            throw ValidationError("--keep \(value): \(rule)")
        }
        if onlyMask { result.append(.onlyMask) }
        if matchLighting { result.append(.matchLighting) }
        if contactShadow { result.append(.contactShadow) }
        if noNewText { result.append(.noNewText) }
        return result
    }

    func run() async throws {
        let console = Console.current
        try OutputSafety.check(inputs: (input.map { [($0, "the input image")] } ?? []) + (maskInput.mask.map { [($0, "--mask")] } ?? []) + references.map { ($0, "--ref") },
                               outputs: [(output, "-o")], overwriteInputs: overwriteOption.overwrite)
        // A refinement: the stored image, mask and chips of the version (unless given).
        var store: Workspace?
        var parent: StoredVersion?
        var sourcePath = input ?? ""
        var maskPath = maskInput.mask
        var chips = try invariants()
        var prompt = self.prompt ?? ""
        var retried: StoredVersion?
        var storedSettings: EditSettings?
        if let retry {
            let opened = try Workspace.existing(workspace ?? ".retouch")
            let stored = try opened.version(try Self.parseVersion(retry, flag: "--retry"))
            if stored.blob != nil { throw HistoryError.alreadyComplete(version: "v\(stored.id)") }
            // Unknown and cancelled requests were sent: the provider may have finished and billed them.
            if stored.status.mayHaveBeenBilled && !retryUnknown {
                throw HistoryError.mayHaveBeenBilled(version: "v\(stored.id)")
            }
            guard let image = stored.input else { throw HistoryError.blobDamaged(hash: stored.source, reason: "the source was purged") }
            sourcePath = opened.blobs.path(image)
            maskPath = maskPath ?? stored.mask.map { opened.blobs.path($0) }
            if chips.isEmpty { chips = stored.invariants }
            prompt = stored.prompt
            storedSettings = RecordedEdit.settings(fromText: stored.settings, model: stored.model)
            store = opened
            retried = stored
            parent = try stored.parent.map { try opened.version($0) }
        }
        if let from {
            let opened = try Workspace.existing(workspace ?? ".retouch")
            let stored = try opened.version(try Self.parseVersion(from, flag: "--from"))
            guard let blob = stored.blob else { throw HistoryError.noResult(version: "v\(stored.id)", status: stored.status.rawValue) }
            sourcePath = opened.blobs.path(blob)
            maskPath = maskPath ?? stored.mask.map { opened.blobs.path($0) }
            if chips.isEmpty { chips = stored.invariants }
            store = opened
            parent = stored
        }
        let input = (from ?? retry).map { "v\((try? Workspace.versionNumber($0)) ?? 0)" } ?? sourcePath
        // Named, or the version's, or the named model's, or openai with a key (a dry run
        // needs none), otherwise local.
        let modelProvider = try self.model.map { model in
            let catalogue = try ModelCatalog.profile(for: model).provider
            return EditProviderRegistry.entries.first { $0.catalogueProvider == catalogue }?.id ?? catalogue
        }
        let provider = self.provider ?? retried?.provider ?? parent?.provider ?? modelProvider ?? (dryRun ? "openai" : ProviderFactory.defaultProvider(apiKeyFile: apiKeyFile))
        let model = self.model ?? (self.provider == nil ? (retried?.model ?? parent?.model) : nil)
        if self.provider == nil && parent == nil && retried == nil && modelProvider == nil && provider == "local" && !dryRun {
            console.printError("note: no OPENAI_API_KEY: using the offline local provider (--provider to choose)")
        }
        let entry = try EditProviderRegistry.entry(provider)
        let profile = try ModelCatalog.profile(for: model ?? EditProviderRegistry.defaultModel(for: provider))
        guard profile.provider == entry.catalogueProvider else {
            throw EditProviderError.invalidRequest(parameter: "--model", value: profile.id, rule: "provider \(provider) serves \(ModelCatalog.models(of: entry.catalogueProvider).map(\.id).joined(separator: ", "))")
        }
        var sizeChoice = size.flatMap(EditSizeChoice.init(text:))
            ?? retried.flatMap { stored in stored.size.flatMap(EditSizeChoice.init(text:)) }
        var qualityChoice = quality ?? storedSettings?.quality
        if draft { qualityChoice = qualityChoice ?? .low; sizeChoice = sizeChoice ?? .tier(1024) }
        if finalQuality { qualityChoice = qualityChoice ?? .high }
        var options = EditJobOptions(
            sourcePath: sourcePath, referencePaths: references, maskPath: maskPath, maskChannel: maskInput.maskChannel, fitMask: fitMask,
            prompt: prompt, invariants: chips, profile: profile, size: sizeChoice,
            settings: EditSettings(model: profile.id, quality: qualityChoice, outputFormat: outputFormat ?? storedSettings?.outputFormat,
                                   outputCompression: compression ?? storedSettings?.outputCompression, background: background ?? storedSettings?.background,
                                   inputFidelity: inputFidelity ?? storedSettings?.inputFidelity, count: n ?? storedSettings?.count, partialImages: preview),
            maxCost: maxCost, pasteBack: !noPasteBack, blend: blend, outputPath: output)
        if let retried, parent == nil { options.uploadName = FilePath.deletingExtension(of: retried.sourceName) }
        if let parent {
            options.uploadName = "\(FilePath.deletingExtension(of: parent.sourceName))-v\(parent.id)"
            // openai-responses continues the conversation of the version it refines.
            if provider == "openai-responses" && parent.provider == provider { options.previousResponseID = parent.responseID }
        }
        let plan = try EditJob.plan(options)
        if dryRun {
            let dry = DryRunPlan(plan, provider: provider, baseURL: ProviderFactory.baseURL(entry, given: baseUrl))
            if json { console.print(ReportEncoder.text(dry)) } else { dry.text.forEach(console.print) }
            return
        }
        let settings = ProviderFactory.Settings(
            baseURL: baseUrl, timeout: .milliseconds(Int64(timeout * 1000)), retries: retries, retryAfterSend: retryAfterSend,
            partialImagePrefix: preview.map { _ in FilePath.deletingExtension(of: output) }, apiKeyFile: apiKeyFile)
        let editor = try ProviderFactory.make(entry, settings: settings)
        let label = "\(editor.id) \(profile.id)"
        let jobOptions = options, refined = parent, again = retried
        guard !noWorkspace else {
            let report = try await Interrupt.cancellingOnSIGINT(progress: label) { try await EditJob.run(plan, options: jobOptions, provider: editor) }
            if json { console.print(ReportEncoder.text(report)) } else { report.text.forEach(console.print) }
            report.warnings.forEach { console.printError("warning: \(input): \($0)") }
            return
        }
        let workspace = try store ?? Workspace(path: self.workspace ?? ".retouch")
        let guardLimits = try driftGuard()
        let outcome = try await Interrupt.cancellingOnSIGINT(progress: label) {
            try await RecordedEdit.run(plan, options: jobOptions, provider: editor, workspace: workspace, from: refined, retrying: again, guard: guardLimits)
        }
        let report = outcome.report
        if json { console.print(ReportEncoder.text(report)) } else { report.text.forEach(console.print) }
        if !json {
            let lineage = parent.map { " from v\($0.id)" } ?? ""
            console.print("  recorded v\(outcome.version)\(lineage) in \(workspace.path) (\(outcome.status.rawValue))")
            if parent != nil, let s = outcome.sourceDrift?.significant.outside {
                console.print("  drift against the source: significant change outside the mask \(Decimals.format(s * 100, 2)) %")
            }
        }
        report.warnings.forEach { console.printError("warning: \(input): \($0)") }
        if outcome.status == .drifted {
            console.printError("warning: v\(outcome.version) drifted from the source (\(outcome.violations.joined(separator: "; "))): regenerate from the source rather than refining it further")
        }
    }
}
