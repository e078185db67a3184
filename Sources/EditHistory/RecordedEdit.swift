#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import EditProviders
import GRDB
import ImageCodecs
import ImageCore
import ImageOps
import ImagePipeline

/// `retouch edit` into a workspace: the inputs (source and mask files as given) and the
/// request row are stored before the call, the row is marked sent just before it, and the
/// version is completed after it, with its drift against the source.
public enum RecordedEdit {
    /// What was recorded.
    public struct Outcome: Sendable {
        public var version: Int
        public var status: VersionStatus
        public var report: EditReport
        /// Drift against the original source (the report's own drift is against the image
        /// edited: the source, or with `from` the parent version); nil when the source was
        /// purged or is on another grid.
        public var sourceDrift: EditDrift.Regions?
        /// The drift guard's sentences when `status` is `drifted`.
        public var violations: [String]
    }

    /// Records and runs `plan` (made from `options`) with `provider`.
    ///
    /// - Parameters:
    ///   - parent: the version this edit refines (`edit --from`); `options.sourcePath` is
    ///     then its result.
    ///   - driftGuard: limits on the drift against the source above which the version is
    ///     recorded `drifted`.
    /// - Throws: what the edit throws (after recording the failed version), or
    ///   `HistoryError`.
    ///   - jobKey: the batch job this request belongs to (what a re-run finds it by).
    ///   - retrying: a recorded request that produced no result (failed, interrupted,
    ///     unknown, cancelled) to send again: its row is reused and its version completed.
    public static func run(_ plan: EditPlan, options: EditJobOptions, provider: any EditProvider, workspace: Workspace,
                           from parent: StoredVersion? = nil, retrying: StoredVersion? = nil,
                           guard driftGuard: DriftGuard = .default, jobKey: String? = nil) async throws -> Outcome {
        if let retrying, retrying.blob != nil {
            throw HistoryError.alreadyComplete(version: "v\(retrying.id)")
        }
        let inputBytes = try FileAccess.read(options.sourcePath)
        let input = try workspace.blobs.put(inputBytes)
        let maskBytes = try options.maskPath.map { try FileAccess.read($0) }
        let mask = try maskBytes.map { try workspace.blobs.put($0) }
        let maskSize = maskBytes?.count
        let request = plan.request
        let estimate = plan.estimate
        let name = FilePath.lastComponent(of: options.sourcePath)
        // A refinement keeps its lineage's source (the original upload) and records the
        // image it edited.
        let root = parent?.source ?? input
        let id = try workspace.write { db -> Int in
            let now = WallClock.secondsSince1970()
            if let retrying {
                // The same request again: its inputs are stored already; this process owns it now.
                try db.execute(sql: "DELETE FROM versions WHERE id = ?", arguments: [retrying.id])
                try db.execute(sql: "UPDATE requests SET state = 'pending', pid = ? WHERE id = ?", arguments: [Int(getpid()), retrying.id])
                return retrying.id
            }
            if parent == nil {
                try db.execute(sql: "INSERT OR IGNORE INTO sources (hash, name, bytes, added) VALUES (?, ?, ?, ?)",
                               arguments: [input, name, inputBytes.count, now])
                try db.execute(sql: "UPDATE sources SET purged = 0 WHERE hash = ?", arguments: [input])
            }
            if let mask, let maskSize {
                try db.execute(sql: "INSERT OR IGNORE INTO masks (hash, bytes, added) VALUES (?, ?, ?)", arguments: [mask, maskSize, now])
            }
            try db.execute(sql: """
                INSERT INTO requests (created, parent, source, input, mask, prompt, finalPrompt, invariants, provider, model, quality, size,
                                      settings, estimateLow, estimateHigh, state, pid, jobKey)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
                """, arguments: [now, parent?.id, root, parent == nil ? nil : input, mask, request.prompt, request.finalPrompt,
                                 request.invariants.map(\.rawValue).joined(separator: ","), provider.id, request.settings.model,
                                 request.settings.quality?.rawValue, request.settings.size?.description, settingsText(request.settings),
                                 estimate.low, estimate.high, Int(getpid()), jobKey])
            return Int(db.lastInsertedRowID)
        }
        try workspace.write { db in try db.execute(sql: "UPDATE requests SET state = 'sending' WHERE id = ?", arguments: [id]) }
        do {
            let report = try await EditJob.run(plan, options: options, provider: provider)
            let outputBytes = try FileAccess.read(options.outputPath)
            let output = try workspace.blobs.put(outputBytes)
            let ownDrift = report.drift.afterPasteBack ?? report.drift.beforePasteBack
            let sourceDrift: EditDrift.Regions? = parent == nil ? ownDrift
                : workspace.source(of: root).flatMap { try? drift(of: outputBytes, against: $0, mask: plan.sourceMask) }
            let violations = sourceDrift.map { driftGuard.violations(of: $0) } ?? []
            let status: VersionStatus = violations.isEmpty ? .ok : .drifted
            try workspace.write { db in
                try db.execute(sql: """
                    INSERT INTO versions (id, blob, status, error, inputTokens, outputTokens, actualCost, seconds, attempts, responseID, requestID, finished)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, output, status.rawValue, violations.isEmpty ? nil : violations.joined(separator: "; "),
                                     report.usage?.inputTokens, report.usage?.outputTokens, report.actualCost,
                                     report.seconds, report.attempts, report.responseID, report.requestID, WallClock.secondsSince1970()])
                if let sourceDrift { try record(sourceDrift, version: id, against: "source", in: db) }
                if parent != nil { try record(ownDrift, version: id, against: "parent", in: db) }
                try db.execute(sql: "UPDATE requests SET state = 'done' WHERE id = ?", arguments: [id])
            }
            return Outcome(version: id, status: status, report: report, sourceDrift: sourceDrift, violations: violations)
        } catch {
            let status: VersionStatus
            switch error as? EditProviderError {
            case .outcomeUnknown: status = .unknown
            case .cancelled: status = .cancelled
            default: status = .failed
            }
            let message = "\(error)"
            try? workspace.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO versions (id, status, error, finished) VALUES (?, ?, ?, ?)",
                               arguments: [id, status.rawValue, message, WallClock.secondsSince1970()])
                try db.execute(sql: "UPDATE requests SET state = 'done' WHERE id = ?", arguments: [id])
            }
            throw error
        }
    }

    /// The drift of the encoded result against the source image (both upright); nil when
    /// their sizes differ (a result kept on the model's grid).
    static func drift(of result: [UInt8], against source: [UInt8], mask: Mask?) throws -> EditDrift.Regions? {
        let a = try ImageCodec.decode(source, options: DecodingOptions(animation: .firstFrame)).upright()
        let b = try ImageCodec.decode(result, options: DecodingOptions(animation: .firstFrame)).upright()
        guard a.size == b.size else { return nil }
        return EditDrift.Regions(ImageComparison.compare(a, b, mask: mask.flatMap { $0.size == a.size ? $0 : nil }, options: .drift))
    }

    static func record(_ drift: EditDrift.Regions, version: Int, against: String, in db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO drift (version, against, outsideSignificant, outsideChanged, insideChanged, ssim, report)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [version, against, drift.significant.outside, drift.outside?.changedFraction, drift.inside?.changedFraction,
                             drift.whole.ssim, ReportEncoder.text(drift, pretty: false)])
    }

    /// The settings of `settingsText` back (unknown or malformed pairs are skipped).
    public static func settings(fromText text: String, model: String) -> EditSettings {
        var settings = EditSettings(model: model)
        for pair in text.split(separator: " ") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let value = parts[1]
            switch parts[0] {
            case "quality": settings.quality = EditQuality(rawValue: value)
            case "size":
                switch EditSizeChoice(text: value) {
                case .exact(let size): settings.size = .exact(size)
                case .auto: settings.size = .auto
                default: break
                }
            case "format": settings.outputFormat = EditFormat(rawValue: value)
            case "compression": settings.outputCompression = Int(value)
            case "background": settings.background = EditBackground(rawValue: value)
            case "input_fidelity": settings.inputFidelity = InputFidelity(rawValue: value)
            case "n": settings.count = Int(value)
            default: continue
            }
        }
        return settings
    }

    /// "quality=high size=1024x1024 format=png" (the settings that were set).
    static func settingsText(_ s: EditSettings) -> String {
        var parts: [String] = []
        if let q = s.quality { parts.append("quality=\(q.rawValue)") }
        if let size = s.size { parts.append("size=\(size.description)") }
        if let f = s.outputFormat { parts.append("format=\(f.rawValue)") }
        if let c = s.outputCompression { parts.append("compression=\(c)") }
        if let b = s.background { parts.append("background=\(b.rawValue)") }
        if let f = s.inputFidelity { parts.append("input_fidelity=\(f.rawValue)") }
        if let n = s.count { parts.append("n=\(n)") }
        return parts.joined(separator: " ")
    }
}
