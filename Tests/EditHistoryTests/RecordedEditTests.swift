import EditHistory
import EditProviders
import Foundation
import ImageCodecs
import ImageCore
import ImagePipeline
import Testing
import TestSupport

@Suite struct RecordedEditTests {
    /// A provider that returns the image it was given with every pixel brightened by
    /// `shift`, and says which response it continues.
    struct Brightening: EditProvider {
        let id = "openai-responses"
        var shift: Int
        var models: [ModelProfile] { [] }
        func edit(_ request: EditRequest) async throws -> EditResult {
            var pixels = try ImageCodec.decode(request.image.bytes).pixels.converted(to: .rgba8)
            pixels.withUnsafeMutableBytes { bytes in
                for i in bytes.indices where i % 4 != 3 { bytes[i] = UInt8(min(255, Int(bytes[i]) + shift)) }
            }
            return EditResult(images: [try ImageCodec.encode(pixels, options: .png(.default))], responseID: "resp_\(request.previousResponseID ?? "first")")
        }
    }

    @Test func aRefinementEditsTheStoredVersionAndKeepsItsLineage() async throws {
        try await withTemporaryDirectory { directory in
            let workspace = try Workspace(path: directory.appendingPathComponent("ws").path)
            var options = try WorkspaceTests.options(in: directory)
            let first = try await RecordedEdit.run(try EditJob.plan(options), options: options, provider: LocalEditProvider(), workspace: workspace)
            let stored = try workspace.version(first.version)
            #expect(stored.parent == nil && stored.mask != nil && stored.invariants == [.background] && stored.sourceName == "coffee.png")

            // Round two: the stored result, its mask, a new output.
            options.sourcePath = workspace.blobs.path(try #require(stored.blob))
            options.maskPath = workspace.blobs.path(try #require(stored.mask))
            options.outputPath = directory.appendingPathComponent("v2.png").path
            let second = try await RecordedEdit.run(try EditJob.plan(options), options: options, provider: LocalEditProvider(), workspace: workspace, from: stored)
            let refined = try workspace.version(second.version)
            #expect(refined.parent == first.version && refined.source == stored.source && refined.input == stored.blob)
            let entries = try workspace.history()
            #expect(entries.map(\.parent) == [nil, "v1"])
            // Drift against the source and against the parent are both recorded.
            #expect(entries[1].outsideSignificant == 0 && entries[1].parentOutsideSignificant == 0)
        }
    }

    @Test func theDriftGuardMarksAVersionDriftedWithItsReason() async throws {
        try await withTemporaryDirectory { directory in
            let workspace = try Workspace(path: directory.appendingPathComponent("ws").path)
            var options = try WorkspaceTests.options(in: directory)
            options.pasteBack = false
            let plan = try EditJob.plan(options)
            // +40 levels everywhere: the outside changes significantly, against the default 2 %.
            let outcome = try await RecordedEdit.run(plan, options: options, provider: Brightening(shift: 40), workspace: workspace)
            #expect(outcome.status == .drifted)
            #expect(outcome.violations.count == 1 && outcome.violations[0].hasPrefix("significant.outside = "))
            #expect(try workspace.history().first?.error?.contains("above the maximum 0.02") == true)
            // A looser guard lets the same change through.
            let loose = DriftGuard(budgets: [Budget("outside.deltaE2000.mean=50", isMaximum: true)!])
            let second = try await RecordedEdit.run(plan, options: options, provider: Brightening(shift: 40), workspace: workspace, guard: loose)
            #expect(second.status == .ok && second.violations.isEmpty)
        }
    }

    @Test func deletingAndPurgingRemoveOnlyWhatNothingReferences() async throws {
        try await withTemporaryDirectory { directory in
            let workspace = try Workspace(path: directory.appendingPathComponent("ws").path)
            var options = try WorkspaceTests.options(in: directory)
            let first = try await RecordedEdit.run(try EditJob.plan(options), options: options, provider: Brightening(shift: 1), workspace: workspace)
            let v1 = try workspace.version(first.version)
            options.sourcePath = workspace.blobs.path(try #require(v1.blob))
            options.outputPath = directory.appendingPathComponent("v2.png").path
            let second = try await RecordedEdit.run(try EditJob.plan(options), options: options, provider: Brightening(shift: 1), workspace: workspace, from: v1)
            let v2 = try workspace.version(second.version)
            #expect(try workspace.blobs.all().count == 4)   // source, mask, v1, v2

            // v1's image is v2's input: deleting v1 keeps it.
            let removed = try workspace.delete(first.version)
            #expect(removed.versions == ["v1"] && removed.blobs == 0)
            #expect(try workspace.history().map(\.id) == ["v2"])
            #expect(try workspace.blobs.get(try #require(v1.blob)).count > 0)
            #expect(throws: HistoryError.unknownVersion("v1")) { try workspace.version(first.version) }

            // Purging the upload removes its file; v2 still refines from its own input.
            let purge = try workspace.purgeSources()
            #expect(purge.sources == 1 && purge.blobs == 1)
            #expect(throws: HistoryError.self) { try workspace.blobs.get(v2.source) }
            #expect(try workspace.version(second.version).sourcePurged)
            #expect(try workspace.version(second.version).input == v1.blob)

            // Deleting the last version leaves only what nothing refers to: nothing.
            _ = try workspace.delete(second.version)
            #expect(try workspace.blobs.all().isEmpty)
            #expect(try workspace.integrityCheck() == "ok")
        }
    }
}
