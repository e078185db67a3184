import ArgumentParser
import EditHistory
import EditProviders
import ImagePipeline

/// `retouch demo`: the main job on the bundled fixtures (offline unless a provider is named).
struct DemoCommand: RetouchCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole loop on the bundled fixture images: prepare, mask, edit twice, cut out, diff, history, export, report.",
        discussion: """
            1 inspect and write each image upright; 2 prepare it as a gpt-image-2 upload (1k tier, padded) and an \
            Instagram portrait post; 3 an edit mask with a preview; 4 an edit recorded in OUTPUT/workspace (paste-back, \
            drift); 5 a second round refining that version; 6 the backdrop cut out; 7 the final version diffed against \
            the original with a heatmap; 8 the history; 9 the final versions exported for Instagram under 500 KB; 10 the \
            review report, OUTPUT/report.html. Offline with the local provider by default; --provider openai runs the \
            same loop against the real service (OPENAI_API_KEY; low quality at 1k, each edit refused above --max-cost).
            """)

    @Option(name: .long, help: "Folder of input images.") var fixtures = "Fixtures/inputs"
    @Option(name: .shortAndLong, help: "Folder for the outputs (created if missing; its workspace is made afresh).") var output = "out/demo"
    @Option(name: .long, help: "Who edits: local (offline, default) or openai.") var provider = "local"
    @Option(name: .long, help: "With a remote provider: refuse an edit whose estimate is above this many USD (default 0.05).") var maxCost = 0.05

    func validate() throws {
        guard ["local", "openai"].contains(provider) else { throw ValidationError("--provider \(provider): the demo runs with local or openai") }
        if !(maxCost >= 0 && maxCost.isFinite) { throw ValidationError("--max-cost \(maxCost): expected USD ≥ 0") }
    }

    func run() async throws {
        let console = Console.current
        let model = try ModelCatalog.profile(for: ModelCatalog.defaultModelID)
        var options = DemoOptions(fixtures: fixtures, output: output, uploadRules: model.sizeRules, uploadRulesName: model.id,
                                  maskRules: model.maskRules, profile: try ModelCatalog.profile(for: "local-inpaint"))
        if provider == "openai" {
            let entry = try EditProviderRegistry.entry("openai")
            options.provider = try ProviderFactory.make(entry, settings: ProviderFactory.Settings(timeout: .seconds(600), retries: 2, retryAfterSend: false))
            options.profile = model
            options.settings = EditSettings(model: model.id, quality: .low)
            options.size = .tier(1024)
            options.maxCost = maxCost
            options.prompts = ("Remove the object in the masked area and continue the background naturally",
                               "Refine only the masked area so its grain and lighting match the surroundings")
        }
        let report = try await DemoJob.run(options)
        report.failures.forEach { _ = ErrorReporting.report($0.error) }
        report.text(fixtures: fixtures, output: output).forEach(console.print)
        if !report.failures.isEmpty { throw ExitCode(ExitStatus.dataError.rawValue) }
    }
}
