public import EditProviders
import ImageCodecs
import ImageOps
import ImagePipeline

/// `retouch batch`: runs jobs with bounded concurrency (a task group holding at most
/// `concurrency` jobs), records every edit in the workspace under its job's key, and
/// resumes: a job whose version exists is skipped, and one recorded `unknown` or
/// `cancelled` is not resent without `retryUnknown`. One failing job never stops the
/// others; cancelling the task stops starting jobs and records the in-flight ones
/// `cancelled`.
public enum BatchRunner {
    /// Every job status, in the summary's order.
    static let statuses = ["done", "skipped", "failed", "unknown", "cancelled", "drifted", "over-budget", "not-resent", "not-started"]

    /// Makes the provider for an id (the CLI's composition root: keys, transport, gates).
    public typealias ProviderSource = @Sendable (String) throws -> any EditProvider

    public static func run(_ jobs: [BatchJob], workspace: Workspace, options: BatchOptions, provider: @escaping ProviderSource,
                           progress: @escaping @Sendable (BatchProgress) -> Void = { _ in }) async -> BatchSummary {
        let clock = ContinuousClock(), start = clock.now
        let ledger = Ledger(limit: options.maxCost)
        var results: [BatchSummary.Job] = []
        var actual = 0.0
        await withTaskGroup(of: BatchSummary.Job.self) { group in
            var next = 0
            func startNext() {
                guard next < jobs.count, !Task.isCancelled else { return }
                let job = jobs[next]
                next += 1
                group.addTask { await execute(job, workspace: workspace, options: options, provider: provider, ledger: ledger) }
            }
            for _ in 0..<max(1, options.concurrency) { startNext() }
            while let result = await group.next() {
                results.append(result)
                actual += result.cost ?? 0
                progress(BatchProgress(finished: results.count, total: jobs.count, seconds: (clock.now - start).inSeconds, cost: actual))
                startNext()
            }
        }
        // Jobs never started (the run was cancelled).
        let started = Set(results.map(\.id))
        for job in jobs where !started.contains(job.key) {
            results.append(BatchSummary.Job(id: job.key, line: job.line, op: job.operation.rawValue, status: "not-started"))
        }
        results.sort { $0.line < $1.line }
        var counts: [String: Int] = [:]
        for result in results { counts[result.status, default: 0] += 1 }
        return BatchSummary(total: jobs.count, counts: counts, retries: results.compactMap(\.attempts).map { $0 - 1 }.reduce(0, +),
                            throttled: 0, estimated: await ledger.reserved, actual: actual,
                            seconds: (clock.now - start).inSeconds, jobs: results)
    }

    /// The run's spending: the upper bounds of the estimates of the edits sent.
    actor Ledger {
        let limit: Double?
        private(set) var reserved = 0.0
        init(limit: Double?) { self.limit = limit }

        /// Reserves `high` when the total stays within the limit.
        func reserve(_ high: Double?) -> Bool {
            guard let limit else { reserved += high ?? 0; return true }
            guard let high, reserved + high <= limit else { return false }
            reserved += high
            return true
        }
    }

    static func execute(_ job: BatchJob, workspace: Workspace, options: BatchOptions, provider: ProviderSource, ledger: Ledger) async -> BatchSummary.Job {
        var result = BatchSummary.Job(id: job.key, line: job.line, op: job.operation.rawValue, status: "done", output: job.field("output"))
        do {
            if job.operation == .edit {
                try await edit(job, into: &result, workspace: workspace, options: options, provider: provider, ledger: ledger)
            } else {
                try pixelJob(job, into: &result, workspace: workspace)
            }
        } catch let error as EditProviderError {
            switch error {
            case .outcomeUnknown: result.status = "unknown"
            case .cancelled: result.status = "cancelled"
            default: result.status = "failed"
            }
            result.error = error.description
        } catch is CancellationError {
            result.status = "cancelled"
        } catch {
            result.status = "failed"
            result.error = "\(error)"
        }
        return result
    }

    static func edit(_ job: BatchJob, into result: inout BatchSummary.Job, workspace: Workspace, options: BatchOptions,
                     provider: ProviderSource, ledger: Ledger) async throws {
        var retrying: StoredVersion?
        switch try workspace.jobRecord(job.key) {
        case .version(let stored) where stored.blob != nil:
            result.status = "skipped"
            result.version = "v\(stored.id)"
            return
        case .version(let stored) where stored.status.mayHaveBeenBilled && !options.retryUnknown:
            result.status = "not-resent"
            result.version = "v\(stored.id)"
            result.error = "recorded \(stored.status.rawValue): it may have been billed (--retry-unknown resends it)"
            return
        case .version(let stored):
            retrying = stored
        case .inFlight:
            result.status = "not-resent"
            result.error = "its request is being sent by another process"
            return
        case .none, .finished:
            break
        }
        guard !Task.isCancelled else { throw EditProviderError.cancelled }
        let providerID = job.field("provider") ?? options.defaultProvider
        let profile = try ModelCatalog.profile(for: job.field("model") ?? EditProviderRegistry.defaultModel(for: providerID))
        let invariants = try Invariant.keepList(job.field("keep").map { [$0] } ?? [], parameter: "keep")
        var size: EditSizeChoice?
        if let text = job.field("size") {
            guard let choice = EditSizeChoice(text: text) else { throw EditProviderError.invalidRequest(parameter: "size", value: text, rule: "expected WxH, auto, 1k, 2k or 4k") }
            size = choice
        }
        var quality: EditQuality?
        if let text = job.field("quality") {
            guard let value = EditQuality(rawValue: text) else { throw EditProviderError.invalidRequest(parameter: "quality", value: text, rule: "expected low, medium, high or auto") }
            quality = value
        }
        let editOptions = EditJobOptions(
            sourcePath: job.field("image")!, maskPath: job.field("mask"), prompt: job.field("prompt")!, invariants: invariants,
            profile: profile, size: size, settings: EditSettings(model: profile.id, quality: quality), outputPath: job.field("output")!)
        let plan = try EditJob.plan(editOptions)
        guard await ledger.reserve(plan.estimate.high) else {
            result.status = "over-budget"
            result.error = "its estimate \(plan.estimate.high.map { "$" + CostEstimate.dollars($0) } ?? "(unknown)") would take the run above --max-cost"
            return
        }
        let outcome = try await RecordedEdit.run(plan, options: editOptions, provider: try provider(providerID), workspace: workspace,
                                                 retrying: retrying, jobKey: job.key)
        result.status = outcome.status == .drifted ? "drifted" : "done"
        result.version = "v\(outcome.version)"
        result.attempts = outcome.report.attempts
        result.cost = outcome.report.actualCost
    }

    /// prepare, cutout, diff, export: run unless an earlier run finished it and its output
    /// is still there.
    static func pixelJob(_ job: BatchJob, into result: inout BatchSummary.Job, workspace: Workspace) throws {
        if case .finished(let output) = try workspace.jobRecord(job.key), output.map(FilePath.isRegularFile) ?? true {
            result.status = "skipped"
            return
        }
        func format(_ path: String) -> ImageFormat { ImageFormat(fileExtension: FilePath.pathExtension(of: path)) ?? .png }
        let output = job.field("output")
        switch job.operation {
        case .prepare:
            let profile = try job.field("for").map { try ModelCatalog.profile(for: $0) }
            var channel: ChannelPreset?
            if let name = job.field("channel") {
                guard let preset = ChannelPreset.named(name) else { throw HistoryError.invalidJob(file: "jobs", line: job.line, reason: "no channel \(name)") }
                channel = preset
            }
            let prepare = PrepareOptions(sizeRules: profile?.sizeRules, sizeRulesName: profile?.id, channel: channel, gravity: .attention)
            _ = try PrepareJob.run(input: job.field("input")!, output: output!, options: prepare, encoding: .default(for: format(output!)))
        case .cutout:
            _ = try CutoutJob.run(CutoutJobOptions(inputPath: job.field("input")!, outputPath: output!, format: format(output!)))
        case .diff:
            let report = try CompareJob.run(CompareJobOptions(aPath: job.field("a")!, bPath: job.field("b")!, maskPath: job.field("mask"), heatmapPath: job.field("heatmap")))
            result.output = job.field("heatmap")
            result.error = report.violations.isEmpty ? nil : report.violations.joined(separator: "; ")
        case .export:
            var maxBytes: Int?
            if let text = job.field("maxBytes") {
                guard let bytes = Int(text), bytes > 0 else { throw HistoryError.invalidJob(file: "jobs", line: job.line, reason: "maxBytes \(text) is not a byte count") }
                maxBytes = bytes
            }
            let export = ExportOptions(channel: job.field("channel").flatMap(ChannelPreset.named), gravity: .attention,
                                       encoding: .default(for: format(output!)), maxBytes: maxBytes)
            if let version = job.field("version") {
                _ = try workspace.export(try Workspace.versionNumber(version), to: output!, options: export)
            } else {
                _ = try ExportJob.run(try FileAccess.read(job.field("input")!), name: job.field("input")!, output: output!, options: export)
            }
        case .edit:
            preconditionFailure("edits are run by edit(_:)")
        }
        try workspace.markJobFinished(job.key, operation: job.operation.rawValue, output: result.output)
    }
}
