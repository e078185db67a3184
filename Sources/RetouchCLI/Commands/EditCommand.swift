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

    @Argument(help: "The image to edit (PNG, JPEG or WebP).") var input: String
    @Option(name: .customLong("ref"), parsing: .unconditionalSingleValue, help: "A reference image (repeatable).") var references: [String] = []
    @Option(name: .long, help: "Prompt: what to change.") var prompt: String
    @OptionGroup var maskInput: MaskInputOptions
    @Flag(name: .long, help: "Resample a mask of another size onto the image's.") var fitMask = false
    @Option(name: .long, parsing: .upToNextOption, help: "Keep these unchanged (comma-separated or repeated): \(Invariant.keepable.map(\.rawValue).joined(separator: ", ")).") var keep: [String] = []
    @Flag(name: .long, help: "Tell the model to change only the masked area.") var onlyMask = false
    @Flag(name: .long, help: "Tell the model to light new content like the scene.") var matchLighting = false
    @Flag(name: .long, help: "Tell the model to ground new objects with a contact shadow.") var contactShadow = false
    @Flag(name: .long, help: "Tell the model to add no new text.") var noNewText = false
    @Option(name: .long, help: "Provider: \(EditProviderRegistry.entries.map(\.id).joined(separator: ", ")).") var provider: String = "openai"
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
    @Option(name: .long, help: "Provider base URL (default: the provider's).") var baseUrl: String?
    @Option(name: .long, help: "Seconds to wait for one attempt (default 600: high-quality edits take minutes).") var timeout: Double = 600
    @Option(name: .long, help: "Retries of failures the provider answered (429, 5xx) or that were never sent (default 2).") var retries: Int = 2
    @Flag(name: .long, help: "Also retry after a timeout or lost connection once the request was sent (it may be billed twice).") var retryAfterSend = false
    @Option(name: .long, help: "Stream N partial images (1…3), written beside the output as NAME-partial-K.png.") var preview: Int?
    @Flag(name: .long, help: "Print the request, its price and the size decision; send nothing.") var dryRun = false
    @Option(name: .long, help: "Workspace folder the edit is recorded in (default .retouch in the current folder).") var workspace: String?
    @Flag(name: .long, help: "Record nothing.") var noWorkspace = false
    @Option(name: .shortAndLong, help: "Output image.") var output: String
    @Flag(name: .long, help: "Print JSON.") var json = false

    func validate() throws {
        if draft && finalQuality { throw ValidationError("--draft and --final cannot be combined") }
        if workspace != nil && noWorkspace { throw ValidationError("--workspace and --no-workspace cannot be combined") }
        if let size, EditSizeChoice(text: size) == nil { throw ValidationError("--size \(size): expected WxH, auto, 1k, 2k or 4k") }
        if let maxCost, !(maxCost >= 0 && maxCost.isFinite) { throw ValidationError("--max-cost \(maxCost): expected USD ≥ 0") }
        if !(timeout > 0 && timeout <= 86_400) { throw ValidationError("--timeout \(timeout): expected seconds in 0…86400") }
        if !(0...10).contains(retries) { throw ValidationError("--retries \(retries): expected 0…10") }
        if let preview, !(1...3).contains(preview) { throw ValidationError("--preview \(preview): expected 1…3 partial images") }
        _ = try invariants()
    }

    /// The chips and rules, in the order given.
    func invariants() throws -> [Invariant] {
        var result: [Invariant] = []
        for chip in keep.flatMap({ $0.split(separator: ",").map(String.init) }) {
            guard let invariant = Invariant(rawValue: chip), Invariant.keepable.contains(invariant) else {
                throw ValidationError("--keep \(chip): expected \(Invariant.keepable.map(\.rawValue).joined(separator: ", "))")
            }
            result.append(invariant)
        }
        if onlyMask { result.append(.onlyMask) }
        if matchLighting { result.append(.matchLighting) }
        if contactShadow { result.append(.contactShadow) }
        if noNewText { result.append(.noNewText) }
        return result
    }

    func run() async throws {
        let console = Console.current
        let entry = try EditProviderRegistry.entry(provider)
        let profile = try ModelCatalog.profile(for: model ?? EditProviderRegistry.defaultModel(for: provider))
        guard profile.provider == entry.catalogueProvider else {
            throw EditProviderError.invalidRequest(parameter: "--model", value: profile.id, rule: "provider \(provider) serves \(ModelCatalog.models(of: entry.catalogueProvider).map(\.id).joined(separator: ", "))")
        }
        var sizeChoice = size.flatMap(EditSizeChoice.init(text:))
        var qualityChoice = quality
        if draft { qualityChoice = qualityChoice ?? .low; sizeChoice = sizeChoice ?? .tier(1024) }
        if finalQuality { qualityChoice = qualityChoice ?? .high }
        let options = EditJobOptions(
            sourcePath: input, referencePaths: references, maskPath: maskInput.mask, maskChannel: maskInput.maskChannel, fitMask: fitMask,
            prompt: prompt, invariants: try invariants(), profile: profile, size: sizeChoice,
            settings: EditSettings(model: profile.id, quality: qualityChoice, outputFormat: outputFormat, outputCompression: compression,
                                   background: background, inputFidelity: inputFidelity, count: n, partialImages: preview),
            maxCost: maxCost, pasteBack: !noPasteBack, blend: blend, outputPath: output)
        let plan = try EditJob.plan(options)
        if dryRun {
            let dry = DryRunPlan(plan, provider: provider, baseURL: baseUrl ?? entry.baseURL)
            if json { console.print(ReportEncoder.text(dry)) } else { dry.text.forEach(console.print) }
            return
        }
        let settings = ProviderFactory.Settings(
            baseURL: baseUrl, timeout: .milliseconds(Int64(timeout * 1000)), retries: retries, retryAfterSend: retryAfterSend,
            partialImagePrefix: preview.map { _ in FilePath.deletingExtension(of: output) })
        let provider = try ProviderFactory.make(entry, settings: settings)
        let label = "\(provider.id) \(profile.id)"
        guard !noWorkspace else {
            let report = try await Interrupt.cancellingOnSIGINT(progress: label) { try await EditJob.run(plan, options: options, provider: provider) }
            if json { console.print(ReportEncoder.text(report)) } else { report.text.forEach(console.print) }
            report.warnings.forEach { console.printError("warning: \(input): \($0)") }
            return
        }
        let store = try Workspace(path: workspace ?? ".retouch")
        let outcome = try await Interrupt.cancellingOnSIGINT(progress: label) {
            try await RecordedEdit.run(plan, options: options, provider: provider, workspace: store)
        }
        let report = outcome.report
        if json { console.print(ReportEncoder.text(report)) } else { report.text.forEach(console.print) }
        if !json { console.print("  recorded v\(outcome.version) in \(store.path) (\(outcome.status.rawValue))") }
        report.warnings.forEach { console.printError("warning: \(input): \($0)") }
        if outcome.status == .drifted {
            console.printError("warning: v\(outcome.version) drifted outside the mask by more than \(Decimals.format(RecordedEdit.defaultMaxOutsideDrift * 100, 1)) % (significant change): regenerate from the source rather than refining it further")
        }
    }
}
