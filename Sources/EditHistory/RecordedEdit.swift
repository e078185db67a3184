#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import EditProviders
import GRDB
import ImageCodecs
import ImageOps
import ImagePipeline

/// `retouch edit` into a workspace: the inputs (source and mask files as given) and the
/// request row are stored before the call, the row is marked sent just before it, and the
/// version is completed after it, with its drift against the source.
public enum RecordedEdit {
    /// The drift guard's default: significant change outside the mask, against the source.
    public static let defaultMaxOutsideDrift = 0.02

    /// What was recorded.
    public struct Outcome: Sendable {
        public var version: Int
        public var status: VersionStatus
        public var report: EditReport
    }

    /// Records and runs `plan` (made from `options`) with `provider`.
    ///
    /// - Parameter maxOutsideDrift: significant changed fraction outside the mask above
    ///   which the version is marked `drifted`.
    /// - Throws: what the edit throws (after recording the failed version), or
    ///   `HistoryError`.
    public static func run(_ plan: EditPlan, options: EditJobOptions, provider: any EditProvider, workspace: Workspace,
                           parent: Int? = nil, maxOutsideDrift: Double = defaultMaxOutsideDrift) async throws -> Outcome {
        let sourceBytes = try FileAccess.read(options.sourcePath)
        let source = try workspace.blobs.put(sourceBytes)
        let maskBytes = try options.maskPath.map { try FileAccess.read($0) }
        let mask = try maskBytes.map { try workspace.blobs.put($0) }
        let maskSize = maskBytes?.count
        let request = plan.request
        let estimate = plan.estimate
        let name = FilePath.lastComponent(of: options.sourcePath)
        let id = try workspace.write { db -> Int in
            let now = WallClock.secondsSince1970()
            try db.execute(sql: "INSERT OR IGNORE INTO sources (hash, name, bytes, added) VALUES (?, ?, ?, ?)",
                           arguments: [source, name, sourceBytes.count, now])
            if let mask, let maskSize {
                try db.execute(sql: "INSERT OR IGNORE INTO masks (hash, bytes, added) VALUES (?, ?, ?)", arguments: [mask, maskSize, now])
            }
            try db.execute(sql: """
                INSERT INTO requests (created, parent, source, mask, prompt, finalPrompt, invariants, provider, model, quality, size,
                                      estimateLow, estimateHigh, state, pid)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)
                """, arguments: [now, parent, source, mask, request.prompt, request.finalPrompt,
                                 request.invariants.map(\.rawValue).joined(separator: ","), provider.id, request.settings.model,
                                 request.settings.quality?.rawValue, request.settings.size?.description,
                                 estimate.low, estimate.high, Int(getpid())])
            return Int(db.lastInsertedRowID)
        }
        try workspace.write { db in try db.execute(sql: "UPDATE requests SET state = 'sending' WHERE id = ?", arguments: [id]) }
        do {
            let report = try await EditJob.run(plan, options: options, provider: provider)
            let output = try workspace.blobs.put(try FileAccess.read(options.outputPath))
            let drift = report.drift.afterPasteBack ?? report.drift.beforePasteBack
            let drifted = (drift.significant.outside ?? 0) > maxOutsideDrift
            let status: VersionStatus = drifted ? .drifted : .ok
            let driftJSON = ReportEncoder.text(report.drift, pretty: false)
            try workspace.write { db in
                try db.execute(sql: """
                    INSERT INTO versions (id, blob, status, inputTokens, outputTokens, actualCost, seconds, attempts, responseID, requestID, finished)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, output, status.rawValue, report.usage?.inputTokens, report.usage?.outputTokens, report.actualCost,
                                     report.seconds, report.attempts, report.responseID, report.requestID, WallClock.secondsSince1970()])
                try db.execute(sql: """
                    INSERT INTO drift (version, against, outsideSignificant, outsideChanged, insideChanged, ssim, report)
                    VALUES (?, 'source', ?, ?, ?, ?, ?)
                    """, arguments: [id, drift.significant.outside, drift.outside?.changedFraction, drift.inside?.changedFraction,
                                     drift.whole.ssim, driftJSON])
                try db.execute(sql: "UPDATE requests SET state = 'done' WHERE id = ?", arguments: [id])
            }
            return Outcome(version: id, status: status, report: report)
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
}
