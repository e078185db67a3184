import EditProviders
import ImageCodecs
import ImageCore
import ImageOps
import ImagePipeline

/// `retouch demo`: the main job on a folder of images, end to end. 1 decodes each image
/// and writes it upright; 2 prepares it as an upload for the model and as an Instagram
/// portrait post; 3 makes an edit mask (a centre ellipse and a brush stroke, grown and
/// feathered; a cut-out's alpha protects its subject) with a preview; 4 edits it through
/// the provider into a workspace (paste-back and drift); 5 refines that version in a
/// second round; 6 cuts the image out of its backdrop; 7 measures the final version
/// against the original inside and outside the mask, with a ΔE00 heatmap; 8 reads the
/// history; 9 exports the final versions for a channel within a byte limit; 10 writes the
/// review report.
public enum DemoJob {
    /// Runs every stage on every image; a step that fails is recorded and the rest go on.
    ///
    /// - Throws: `FileAccessError` (folders), `PipelineError.noInputs`.
    public static func run(_ options: DemoOptions) async throws -> DemoReport {
        var report = DemoReport()
        let fixtures = options.fixtures, output = options.output
        report.names = try FilePath.contents(ofDirectory: fixtures)
            .filter { ImageFormat(fileExtension: FilePath.pathExtension(of: $0)) != nil }
            .sorted()
        guard !report.names.isEmpty else { throw PipelineError.noInputs(folder: fixtures, expected: "PNG, JPEG or WebP images") }
        try FileAccess.createDirectory(output)

        func step(_ path: String, _ body: () throws -> Void) {
            do { try FileError.attributing(to: path, body) } catch { report.failures.append(DemoReport.Failure(path: path, error: error)) }
        }
        func outputPath(_ name: String, _ suffix: String) -> String {
            output + "/" + FilePath.deletingExtension(of: name) + "-" + suffix
        }
        let clock = ContinuousClock()
        let start = clock.now

        for name in report.names {
            let path = fixtures + "/" + name
            step(path) {
                let decoded = try ImageCodec.decode(try FileAccess.read(path), options: DecodingOptions(animation: .firstFrame))
                let upright = decoded.upright()
                let written = outputPath(name, "upright.png")
                try FileAccess.write(try ImageCodec.encode(upright, options: .png(.default)), to: written)
                report.upright.append(DemoReport.Upright(name: name, metadata: decoded.metadata, uprightSize: upright.size,
                                                         usesAlpha: !decoded.pixels.isOpaque, outputPath: written))
            }
        }

        let uploads: [(label: String, suffix: String, options: PrepareOptions)] = [
            ("\(options.uploadRulesName), 1k, pad", options.uploadRulesName,
             PrepareOptions(sizeRules: options.uploadRules, sizeRulesName: options.uploadRulesName, target: .tier(1024), fit: .pad)),
            ("instagram-portrait", "instagram", PrepareOptions(channel: ChannelPreset.named("instagram-portrait"), gravity: .attention)),
        ]
        for name in report.names {
            let path = fixtures + "/" + name
            for upload in uploads {
                step(path) {
                    let prepared = try PrepareJob.prepare(try FileAccess.read(path), options: upload.options)
                    let written = outputPath(name, upload.suffix + ".png")
                    try FileAccess.write(try ImageCodec.encode(prepared.pixels, options: .png(.default)), to: written)
                    report.prepared.append(DemoReport.Prepared(name: name, label: upload.label, report: prepared.report, outputPath: written))
                }
            }
        }

        var images: [(name: String, image: PixelBuffer, mask: Mask)] = []
        for name in report.names {
            let path = fixtures + "/" + name
            step(path) {
                let image = try ImageCodec.decode(try FileAccess.read(path), options: DecodingOptions(animation: .firstFrame)).upright()
                let (recipe, base) = demoRecipe(for: image)
                let (mask, coverage) = try recipe.apply(size: image.size, base: base)
                let maskPath = outputPath(name, "mask.png"), previewPath = outputPath(name, "mask-preview.png")
                try FileAccess.write(try MaskJob.encode(mask, rules: options.maskRules), to: maskPath)
                try FileAccess.write(try ImageCodec.encode(MaskPreview.render(coverage ?? CoveragePlane(mask), over: image), options: .png(.default)), to: previewPath)
                images.append((name, image, mask))
                report.masked.append(DemoReport.Masked(name: name, maskPath: maskPath, previewPath: previewPath, statistics: MaskStatistics(mask)))
            }
        }

        // The workspace lives in the output folder and starts empty on every run.
        let workspacePath = output + "/workspace"
        try Self.clearWorkspace(workspacePath)
        let workspace = try Workspace(path: workspacePath)
        report.workspace = workspacePath

        // Rounds 1 and 2: the edit, then a refinement of that version with the same mask.
        var finals: [(name: String, image: PixelBuffer, mask: Mask, version: Int, path: String)] = []
        for (name, image, mask) in images {
            let path = fixtures + "/" + name
            do {
                var edit = EditJobOptions(sourcePath: path, maskPath: outputPath(name, "mask.png"), prompt: options.prompts.first,
                                          profile: options.profile, size: options.size, settings: options.settings, maxCost: options.maxCost,
                                          outputPath: outputPath(name, "v1.png"))
                let first = try await RecordedEdit.run(try EditJob.plan(edit), options: edit, provider: options.provider, workspace: workspace)
                report.edited.append(DemoReport.Edited(name: name, version: first.version, parent: nil, status: first.status, report: first.report))
                let stored = try workspace.version(first.version)
                guard let blob = stored.blob else { continue }
                edit.sourcePath = workspace.blobs.path(blob)
                edit.uploadName = FilePath.deletingExtension(of: name) + "-v\(first.version)"
                edit.prompt = options.prompts.second
                edit.outputPath = outputPath(name, "v2.png")
                edit.previousResponseID = stored.responseID
                let second = try await RecordedEdit.run(try EditJob.plan(edit), options: edit, provider: options.provider, workspace: workspace, from: stored)
                report.refined.append(DemoReport.Edited(name: name, version: second.version, parent: first.version, status: second.status, report: second.report))
                finals.append((name, image, mask, second.version, edit.outputPath))
            } catch {
                report.failures.append(DemoReport.Failure(path: path, error: error is FileError || error is FileAccessError ? error : FileError(path: path, underlying: error)))
            }
        }

        for (name, image, _) in images {
            step(fixtures + "/" + name) {
                let (cut, cutReport) = Cutout.apply(image, options: CutoutOptions(lossyInput: FilePath.pathExtension(of: name).lowercased() == "jpg"))
                let cutPath = outputPath(name, "cutout.png")
                try FileAccess.write(try ImageCodec.encode(cut, options: .png(.default)), to: cutPath)
                report.cutOut.append(DemoReport.CutOut(name: name, report: cutReport, outputPath: cutPath))
            }
        }

        // The final version against the original (on the source's grid after paste-back).
        for final in finals {
            step(final.path) {
                let edited = try ImageCodec.decode(try FileAccess.read(final.path)).upright()
                guard edited.size == final.image.size else { return }
                let comparison = ImageComparison.compare(final.image, edited, mask: final.mask)
                let heatmapPath = outputPath(final.name, "heatmap.png")
                try FileAccess.write(try ImageCodec.encode(DiffPictures.heatmap(comparison, a: final.image, mask: final.mask), options: .png(.default)), to: heatmapPath)
                report.compared.append(DemoReport.Compared(name: final.name, version: final.version, comparison: comparison, heatmapPath: heatmapPath))
            }
        }

        step(workspacePath) { report.history = try workspace.history() }

        let export = ExportOptions(channel: options.exportChannel, gravity: .attention, encoding: .jpeg(JPEGEncodingOptions(quality: 90)),
                                   maxBytes: options.exportMaxBytes)
        for final in finals {
            step(final.path) {
                let exported = try workspace.export(final.version, to: outputPath(final.name, "export.jpg"), options: export)
                report.exported.append(DemoReport.Exported(name: final.name, version: final.version, report: exported))
            }
        }

        step(output + "/report.html") {
            report.review = try ReviewReport.write(workspace, to: output + "/report.html", title: "Retouch demo — \(report.names.count) images")
        }

        report.elapsed = clock.now - start
        return report
    }

    /// Empties the demo's own workspace folder (its manifest and blobs; nothing else).
    static func clearWorkspace(_ path: String) throws {
        guard FilePath.isDirectory(path) else { return }
        for name in ["history.sqlite", "history.sqlite-wal", "history.sqlite-shm"] where FilePath.isRegularFile(path + "/" + name) {
            try FileAccess.remove(path + "/" + name)
        }
        let blobs = BlobStore(folder: path + "/blobs")
        if FilePath.isDirectory(blobs.folder) { for hash in try blobs.all() { try blobs.remove(hash) } }
    }

    /// The demo's mask: an image with meaningful alpha (a cut-out) protects its subject;
    /// others get a centre ellipse and a brush stroke, grown 2 % and feathered 3 % of the
    /// short side.
    static func demoRecipe(for image: PixelBuffer) -> (recipe: MaskRecipe, base: Mask?) {
        if image.format.layout.hasAlpha && !image.isOpaque {
            return (MaskRecipe(), MaskConvention.detect(image).mask(from: image))
        }
        let short = Double(min(image.width, image.height))
        let shapes = [
            MaskShape(.ellipse(cx: .percent(50), cy: .percent(45), rx: .percent(22), ry: .percent(28))),
            MaskShape(.stroke(width: .percent(3), points: [(.percent(15), .percent(80)), (.percent(45), .percent(88)), (.percent(80), .percent(78))])),
        ]
        return (MaskRecipe(shapes: shapes, offset: short * 0.02, feather: MaskRecipe.Feather(radius: short * 0.03)), nil)
    }
}
