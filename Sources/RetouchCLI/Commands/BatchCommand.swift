#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import EditHistory
import EditProviders
import ImagePipeline

/// `retouch batch JOBS.jsonl`: many jobs, resumable, into one workspace.
struct BatchCommand: RetouchCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run a JSONL file of jobs (edit, prepare, cutout, diff, export) with bounded concurrency, resumably, into a workspace.",
        discussion: """
            One JSON object per line: {"op": "edit", "id": "shoe-1", "image": "shoe.jpg", "mask": "m.png", "prompt": "…", \
            "output": "out/shoe.png"} (also keep, provider, model, quality, size); prepare (input, output, for, channel); \
            cutout (input, output); diff (a, b, mask, heatmap); export (version or input, output, channel, maxBytes). Paths \
            are relative to the jobs file. A re-run skips jobs that finished and never resends one recorded unknown or \
            cancelled (it may have been billed) without --retry-unknown. A 429 slows every job of that provider. The \
            summary is printed as JSON at the end; exit 0 when every job is done or skipped, 130 after Ctrl-C (in-flight \
            jobs are recorded cancelled), 1 otherwise.
            """)

    @Argument(help: "The jobs file (JSONL).") var jobs: String
    @Option(name: .long, help: "Workspace folder (default .retouch in the current folder).") var workspace: String = ".retouch"
    @Option(name: .long, help: "Jobs at once, 1…32 (default 4).") var concurrency: Int = 4
    @Option(name: .long, help: "Do not send an edit that would take the run's estimated total above this many USD.") var maxCost: Double?
    @Flag(name: .long, help: "Resend jobs whose request was recorded unknown or cancelled (they may be billed twice).") var retryUnknown = false
    @Option(name: .long, help: "Provider for edit jobs that name none (default: openai with a key configured, otherwise local).") var provider: String?
    @Option(name: .long, help: "Provider base URL (default: OPENAI_BASE_URL for the OpenAI shapes, else the provider's).") var baseUrl: String?
    @Option(name: .long, help: "Seconds to wait for one attempt (default 600).") var timeout: Double = 600
    @Option(name: .long, help: "Retries of failures the provider answered (429, 5xx) or that were never sent (default 2).") var retries: Int = 2

    func validate() throws {
        if !(1...32).contains(concurrency) { throw ValidationError("--concurrency \(concurrency): expected 1…32") }
        if let maxCost, !(maxCost >= 0 && maxCost.isFinite) { throw ValidationError("--max-cost \(maxCost): expected USD ≥ 0") }
        if !(timeout > 0 && timeout <= 86_400) { throw ValidationError("--timeout \(timeout): expected seconds in 0…86400") }
        if !(0...10).contains(retries) { throw ValidationError("--retries \(retries): expected 0…10") }
        if let provider { _ = try EditProviderRegistry.entry(provider) }
    }

    func run() async throws {
        let console = Console.current
        let list = try BatchJob.load(jobs)
        let store = try Workspace(path: workspace)
        // One pace per provider, shared by all its jobs.
        var gates: [String: RateGate] = [:]
        for entry in EditProviderRegistry.entries { gates[entry.id] = RateGate() }
        let settings = ProviderFactory.Settings(baseURL: baseUrl, timeout: .milliseconds(Int64(timeout * 1000)), retries: retries, retryAfterSend: false)
        let shared = gates
        let source: BatchRunner.ProviderSource = { id in
            var specific = settings
            specific.gate = shared[id]
            return try ProviderFactory.make(try EditProviderRegistry.entry(id), settings: specific)
        }
        let options = BatchOptions(concurrency: concurrency, maxCost: maxCost,
                                   defaultProvider: provider ?? ProviderFactory.defaultProvider(apiKeyFile: nil), retryUnknown: retryUnknown)
        let showProgress = isatty(STDERR_FILENO) == 1
        let (value, interrupted) = await Interrupt.returningOnSIGINT {
            await BatchRunner.run(list, workspace: store, options: options, provider: source) { p in
                guard showProgress else { return }
                let eta = p.remaining.map { " ETA \(Int($0.rounded())) s" } ?? ""
                console.printPartialLine("\r\u{1B}[K\(p.finished)/\(p.total) jobs, \(Decimals.format(p.rate, 2))/s\(eta), $\(CostEstimate.dollars(p.cost)) so far")
            }
        }
        if showProgress { console.printPartialLine("\r\u{1B}[K") }
        var summary = value
        for gate in gates.values { summary.throttled += await gate.throttled }
        console.print(ReportEncoder.text(summary))
        if interrupted { throw ExitCode(ExitStatus.interrupted.rawValue) }
        if summary.jobs.contains(where: { !["done", "skipped", "drifted"].contains($0.status) }) { throw ExitCode(ExitStatus.checkFailed.rawValue) }
    }
}
