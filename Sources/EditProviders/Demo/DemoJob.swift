import ImageCodecs
import ImageCore
import ImageOps
import ImagePipeline

/// `retouch demo`: the main job on a folder of images, offline. Stage 1 decodes each image
/// and writes it upright; 2 prepares it as an upload for the model and as an Instagram
/// portrait post; 3 makes an edit mask (a centre ellipse and a brush stroke, grown and
/// feathered; a cut-out's alpha protects its subject) with a preview; 4 edits it with the
/// local provider (the masked area filled from its surroundings, the source pasted back
/// outside the mask, drift measured); 5 cuts the image out of its backdrop; 6 measures a
/// simulated edit (the mask area tinted, then a JPEG q92 round trip) inside and outside
/// the mask, with a ΔE00 heatmap.
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

        let local = LocalEditProvider()
        let localProfile = try ModelCatalog.profile(for: "local-inpaint")
        for (name, _, _) in images {
            let path = fixtures + "/" + name
            do {
                let edit = EditJobOptions(sourcePath: path, maskPath: outputPath(name, "mask.png"), prompt: "fill the masked area from its surroundings",
                                          profile: localProfile, outputPath: outputPath(name, "edit.png"))
                let plan = try EditJob.plan(edit)
                report.edited.append(DemoReport.Edited(name: name, report: try await EditJob.run(plan, options: edit, provider: local)))
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
        for (name, image, mask) in images {
            step(fixtures + "/" + name) {
                let simulated = image.tinted(toward: RGB8(red: 40, green: 170, blue: 160), by: mask, strength: 0.6)
                let edited = try ImageCodec.decode(try ImageCodec.encode(simulated, options: .jpeg(JPEGEncodingOptions(quality: 92, chroma: .yuv444)))).pixels
                let comparison = ImageComparison.compare(image, edited, mask: mask)
                let heatmapPath = outputPath(name, "heatmap.png")
                try FileAccess.write(try ImageCodec.encode(DiffPictures.heatmap(comparison, a: image, mask: mask), options: .png(.default)), to: heatmapPath)
                report.compared.append(DemoReport.Compared(name: name, comparison: comparison, heatmapPath: heatmapPath))
            }
        }

        report.elapsed = clock.now - start
        return report
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
