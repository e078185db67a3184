import ArgumentParser
import EditHistory
import EditProviders
import ImageCodecs
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
    @Option(name: .long, help: "Delete a version (v3) and every stored file nothing else refers to (repeatable).") var delete: [String] = []
    @Flag(name: .long, help: "Delete the original uploads (versions keep their results; drift against the source is no longer measured).") var purgeSources = false

    func validate() throws {
        for id in delete where (try? Workspace.versionNumber(id)) == nil { throw ValidationError("--delete \(id): expected a version such as v3") }
    }

    func run() async throws {
        let console = Console.current
        let store = try Workspace.existing(workspace)
        if !delete.isEmpty || purgeSources {
            var removed: [Workspace.Removal] = []
            for id in delete { removed.append(try store.delete(try Workspace.versionNumber(id))) }
            if purgeSources { removed.append(try store.purgeSources()) }
            let versions = removed.flatMap(\.versions), sources = removed.map(\.sources).reduce(0, +)
            let blobs = removed.map(\.blobs).reduce(0, +), bytes = removed.map(\.bytes).reduce(0, +)
            if json {
                console.print(ReportEncoder.text(Workspace.Removal(versions: versions, sources: sources, blobs: blobs, bytes: bytes)))
            } else {
                var done: [String] = []
                if !versions.isEmpty { done.append("deleted \(versions.joined(separator: ", "))") }
                if purgeSources { done.append("purged \(sources) source\(sources == 1 ? "" : "s")") }
                console.print("\(workspace): \(done.joined(separator: "; ")); removed \(blobs) stored file\(blobs == 1 ? "" : "s") (\(bytes) bytes)")
            }
            return
        }
        let entries = try store.history()
        if json {
            console.print(ReportEncoder.text(entries))
            return
        }
        guard !entries.isEmpty else {
            console.print("\(workspace): no versions yet")
            return
        }
        console.print("id".padded(to: 6) + "parent".padded(to: 14) + "status".padded(to: 13) + "model".padded(to: 24) + "cost".padded(to: 18) + "outside drift".padded(to: 20) + "prompt")
        var total = 0.0
        let present = Set(entries.map(\.id))
        for e in entries {
            total += e.actualCost ?? 0
            let estimate = e.estimateHigh.map { high in e.estimateLow.map { $0 == high ? "$\(CostEstimate.dollars(high))" : "$\(CostEstimate.dollars($0))–\(CostEstimate.dollars(high))" } ?? "" } ?? "?"
            let cost = e.actualCost.map { "$\(CostEstimate.dollars($0))" } ?? "est. " + estimate
            var drift = e.outsideSignificant.map { Decimals.format($0 * 100, 2) + " %" } ?? "-"
            if let p = e.parentOutsideSignificant { drift += " (" + Decimals.format(p * 100, 2) + ")" }
            var prompt = e.prompt + (e.invariants.isEmpty ? "" : " [keep " + e.invariants.joined(separator: ", ") + "]")
            if !verbose && prompt.count > 60 { prompt = String(prompt.prefix(59)) + "…" }
            console.print(e.id.padded(to: 6) + (e.parent.map { present.contains($0) ? $0 : $0 + " (deleted)" } ?? "source").padded(to: 14) + e.status.rawValue.padded(to: 13)
                + "\(e.provider == "openai" ? "" : e.provider + " ")\(e.model)".padded(to: 24) + cost.padded(to: 18) + drift.padded(to: 20) + prompt)
            if verbose {
                if let settings = e.settings, !settings.isEmpty { console.print("      settings: \(settings)") }
                if let error = e.error { console.print("      error: \(error)") }
            }
        }
        console.print("\(entries.count) version\(entries.count == 1 ? "" : "s"); actual cost $\(CostEstimate.dollars(total)); outside drift: significant change outside the mask against the source (against the parent)")
    }
}
