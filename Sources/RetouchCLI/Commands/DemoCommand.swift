import ArgumentParser
import EditProviders
import ImagePipeline

/// `retouch demo`: the main job on the bundled fixtures, offline.
struct DemoCommand: RetouchCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the demo pipeline on the bundled fixture photos (offline).",
        discussion: "Stage 1: inspect and decode every image in the fixtures folder and write it out upright. Stage 2: prepare each photo as a gpt-image-2 upload (1k tier, padded to the model's limits) and as an Instagram portrait post (attention gravity). Stage 3: an edit mask with a preview. Stage 4: an edit with the local provider (fill inside the mask, paste-back, drift). Stage 5: the backdrop cut out. Stage 6: a simulated edit measured inside and outside the mask, with a heatmap.")

    @Option(name: .long, help: "Folder of input images.") var fixtures = "Fixtures/inputs"
    @Option(name: .shortAndLong, help: "Folder for the outputs (created if missing).") var output = "out/demo"

    func run() async throws {
        let console = Console.current
        let model = try ModelCatalog.profile(for: ModelCatalog.defaultModelID)
        let report = try await DemoJob.run(DemoOptions(fixtures: fixtures, output: output, uploadRules: model.sizeRules,
                                                 uploadRulesName: model.id, maskRules: model.maskRules))
        report.failures.forEach { _ = ErrorReporting.report($0.error) }
        report.text(fixtures: fixtures, output: output).forEach(console.print)
        if !report.failures.isEmpty { throw ExitCode(ExitStatus.dataError.rawValue) }
    }
}
