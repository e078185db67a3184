import ArgumentParser
import EditHistory
import EditProviders
import ImagePipeline

/// `retouch history [--workspace W] [--json] [--verbose]`: the versions of a workspace.
struct HistoryCommand: RetouchCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the versions recorded in a workspace: parent, provider and model, prompt, status, cost and drift.",
        discussion: "Opening the workspace settles requests whose process is gone: interrupted (never sent) or unknown (sent without an answer: it may have been billed).")

    @Option(name: .long, help: "Workspace folder (default .retouch in the current folder).") var workspace: String = ".retouch"
    @Flag(name: .long, help: "Print JSON: an array of versions.") var json = false
    @Flag(name: .long, help: "Show whole prompts and errors.") var verbose = false

    func run() async throws {
        let console = Console.current
        let entries = try Workspace(path: workspace).history()
        if json {
            console.print(ReportEncoder.text(entries))
            return
        }
        guard !entries.isEmpty else {
            console.print("\(workspace): no versions yet")
            return
        }
        console.print("id".padded(to: 6) + "parent".padded(to: 8) + "status".padded(to: 13) + "model".padded(to: 24) + "cost".padded(to: 18) + "outside drift".padded(to: 15) + "prompt")
        var total = 0.0
        for e in entries {
            total += e.actualCost ?? 0
            let estimate = e.estimateHigh.map { high in e.estimateLow.map { $0 == high ? "$\(CostEstimate.dollars(high))" : "$\(CostEstimate.dollars($0))–\(CostEstimate.dollars(high))" } ?? "" } ?? "?"
            let cost = e.actualCost.map { "$\(CostEstimate.dollars($0))" } ?? "est. " + estimate
            let drift = e.outsideSignificant.map { Decimals.format($0 * 100, 2) + " %" } ?? "-"
            var prompt = e.prompt + (e.invariants.isEmpty ? "" : " [keep " + e.invariants.joined(separator: ", ") + "]")
            if !verbose && prompt.count > 60 { prompt = String(prompt.prefix(59)) + "…" }
            console.print(e.id.padded(to: 6) + (e.parent ?? "source").padded(to: 8) + e.status.rawValue.padded(to: 13)
                + "\(e.provider == "openai" ? "" : e.provider + " ")\(e.model)".padded(to: 24) + cost.padded(to: 18) + drift.padded(to: 15) + prompt)
            if verbose, let error = e.error { console.print("      error: \(error)") }
        }
        console.print("\(entries.count) version\(entries.count == 1 ? "" : "s"); actual cost $\(CostEstimate.dollars(total))")
    }
}
