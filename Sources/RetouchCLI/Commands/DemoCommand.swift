import ArgumentParser
import EditProviders
import ImageCodecs
import ImageCore
import ImageOps

extension RootCommand {
    /// `retouch demo`: the main job on the bundled fixtures, offline.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the demo pipeline on the bundled fixture photos (offline).",
            discussion: "Stage 1: inspect and decode every image in the fixtures folder and write it out upright. Stage 2: prepare each photo as a gpt-image-2 upload (1k tier, padded to the model's limits) and as an Instagram portrait post (attention gravity). Later stages (mask, edit, cutout, diff) join as they are built.")

        @Option(name: .long, help: "Folder of input images.")
        var fixtures = "Fixtures/inputs"

        @Option(name: .shortAndLong, help: "Folder for the outputs (created if missing).")
        var output = "out/demo"

        func run() async throws {
            let console = Console.current
            let names: [String]
            do {
                names = try FilePath.contents(ofDirectory: fixtures)
                    .filter { ImageFormat(fileExtension: FilePath.pathExtension(of: $0)) != nil }
                    .sorted()
            } catch {
                throw ErrorReporting.exit(error, file: nil)
            }
            guard !names.isEmpty else {
                throw ErrorReporting.exit(CLIError.usage("\(fixtures) holds no PNG, JPEG or WebP images"), file: nil)
            }
            try FileAccess.createDirectory(output)
            console.print("retouch demo: \(names.count) images from \(fixtures) → \(output)")
            console.print("")
            console.print(pad("file", 34) + pad("format", 8) + pad("stored", 11) + pad("orient", 7) + pad("upright", 11) + pad("alpha", 6) + "output")
            var failures = 0
            /// Runs one step for one file; a failure is reported (naming the file) and counted.
            func step(_ path: String, _ body: () throws -> Void) {
                do { try body() } catch {
                    failures += 1
                    _ = ErrorReporting.report(error, file: path)
                }
            }
            let clock = ContinuousClock()
            let start = clock.now
            for name in names {
                let path = fixtures + "/" + name
                step(path) {
                    let bytes = try FileAccess.read(path)
                    let decoded = try ImageCodec.decode(bytes, options: DecodingOptions(animation: .firstFrame))
                    let upright = decoded.upright()
                    let outputPath = output + "/" + FilePath.deletingExtension(of: name) + "-upright.png"
                    try FileAccess.write(try ImageCodec.encode(upright, options: .png(.default)), to: outputPath)
                    let m = decoded.metadata
                    console.print(pad(name, 34) + pad(m.format.rawValue, 8) + pad("\(m.width)×\(m.height)", 11)
                        + pad("\(m.orientation.rawValue)", 7) + pad("\(upright.width)×\(upright.height)", 11)
                        + pad(decoded.pixels.isOpaque ? "no" : "yes", 6) + outputPath)
                }
            }
            console.print("")
            console.print("stage 2: prepare")
            console.print(pad("file", 34) + pad("target", 22) + pad("output", 11) + pad("decode", 7) + "crop / pad")
            for name in names {
                let path = fixtures + "/" + name
                let base = FilePath.deletingExtension(of: name)
                for (label, suffix, request) in [
                    ("gpt-image-2, 1k, pad", "gpt-image-2", PrepareRequest(model: "gpt-image-2", target: .tier(1024), fit: .pad)),
                    ("instagram-portrait", "instagram", PrepareRequest(channel: ChannelPreset.named("instagram-portrait"), gravity: .attention)),
                ] {
                    step(path) {
                        let prepared = try ImagePreparer.prepare(try FileAccess.read(path), request: request)
                        let outputPath = output + "/" + base + "-" + suffix + ".png"
                        try FileAccess.write(try ImageCodec.encode(prepared.pixels, options: .png(.default)), to: outputPath)
                        let r = prepared.report
                        let framing = r.crop.map { "crop \($0.width)×\($0.height)+\($0.x)+\($0.y)" } ?? r.pad.map { "pad \($0.left),\($0.top),\($0.right),\($0.bottom)" } ?? "whole frame"
                        console.print(pad(name, 34) + pad(label, 22) + pad("\(r.outputSize.width)×\(r.outputSize.height)", 11)
                            + pad("1/\(r.decodeScaleDenominator)", 7) + framing)
                    }
                }
            }
            console.print("")
            console.print("stage 3: mask (centre ellipse + brush stroke, grow 2 %, feather 3 %; a cut-out's alpha protects its subject)")
            console.print(pad("file", 34) + pad("mask", 36) + pad("selected", 10) + "preview")
            var masked: [(name: String, image: PixelBuffer, mask: Mask)] = []
            for name in names {
                let path = fixtures + "/" + name
                let base = FilePath.deletingExtension(of: name)
                step(path) {
                    let image = try ImageCodec.decode(try FileAccess.read(path), options: DecodingOptions(animation: .firstFrame)).upright()
                    let short = Double(min(image.width, image.height))
                    var coverage: CoveragePlane
                    if image.format.layout.hasAlpha && !image.isOpaque {
                        coverage = CoveragePlane(MaskConvention.detect(image).mask(from: image))
                    } else {
                        let shapes = [
                            MaskShape(.ellipse(cx: .percent(50), cy: .percent(45), rx: .percent(22), ry: .percent(28))),
                            MaskShape(.stroke(width: .percent(3), points: [(.percent(15), .percent(80)), (.percent(45), .percent(88)), (.percent(80), .percent(78))])),
                        ]
                        coverage = try ShapeRenderer.render(shapes, size: image.size)
                            .offset(by: short * 0.02).feathered(radius: short * 0.03, mode: .gaussian)
                    }
                    let mask = coverage.mask
                    let maskPath = output + "/" + base + "-mask.png"
                    let previewPath = output + "/" + base + "-mask-preview.png"
                    try FileAccess.write(try RootCommand.MaskCommand.encode(mask, convention: .openai, path: maskPath), to: maskPath)
                    try FileAccess.write(try ImageCodec.encode(MaskPreview.render(coverage, over: image), options: .png(.default)), to: previewPath)
                    masked.append((name, image, mask))
                    let statistics = MaskStatistics(mask)
                    console.print(pad(name, 34) + pad(FilePath.lastComponent(of: maskPath), 36)
                        + pad("\(Int(statistics.selectedPercent.rounded())) %", 10) + FilePath.lastComponent(of: previewPath))
                }
            }
            console.print("")
            console.print("stage 4: diff (a simulated edit: the mask area recoloured, then a JPEG q92 4:4:4 round trip)")
            console.print(pad("file", 34) + pad("SSIM", 8) + pad("inside changed", 16) + pad("outside changed", 17) + "heatmap")
            for (name, image, mask) in masked {
                let path = fixtures + "/" + name
                step(path) {
                    let edited = try ImageCodec.decode(try ImageCodec.encode(Self.simulatedEdit(image, mask: mask), options: .jpeg(JPEGEncodingOptions(quality: 92, chroma: .yuv444)))).pixels
                    let comparison = ImageComparison.compare(image, edited, mask: mask)
                    let heatmapPath = output + "/" + FilePath.deletingExtension(of: name) + "-heatmap.png"
                    try FileAccess.write(try ImageCodec.encode(DiffPictures.heatmap(comparison, a: image, mask: mask), options: .png(.default)), to: heatmapPath)
                    func percent(_ r: RegionMetrics?) -> String { r.map { DiffReport.format($0.changedFraction * 100, 1) + " %" } ?? "-" }
                    console.print(pad(name, 34) + pad(comparison.whole.ssim.map { DiffReport.format($0, 3) } ?? "-", 8)
                        + pad(percent(comparison.inside), 16) + pad(percent(comparison.outside), 17) + FilePath.lastComponent(of: heatmapPath))
                }
            }
            console.print("")
            console.print("stage 5: cutout (backdrop → alpha; warnings route photos that are not products on a plain backdrop)")
            console.print(pad("file", 34) + pad("backdrop", 18) + pad("subject", 9) + "verdict")
            for (name, image, _) in masked {
                let path = fixtures + "/" + name
                step(path) {
                    let (cut, report) = Cutout.apply(image, options: CutoutOptions(lossyInput: FilePath.pathExtension(of: name).lowercased() == "jpg"))
                    let cutPath = output + "/" + FilePath.deletingExtension(of: name) + "-cutout.png"
                    try FileAccess.write(try ImageCodec.encode(cut, options: .png(.default)), to: cutPath)
                    let verdict = report.warnings.isEmpty ? FilePath.lastComponent(of: cutPath)
                        : "route elsewhere (border noise \(Int(report.noise.rounded())) levels, \(report.warnings.count) warning\(report.warnings.count == 1 ? "" : "s"))"
                    console.print(pad(name, 34) + pad("\(report.backdrop) \(report.backdropKind)", 18)
                        + pad(DiffReport.format(report.foregroundFraction * 100, 0) + " %", 9) + verdict)
                }
            }
            let elapsed = clock.now - start
            console.print("")
            console.print("\(names.count) images: written upright, prepared twice, masked, diffed and cut out into \(output) in \(describe(elapsed))\(failures > 0 ? "; \(failures) failures" : "")")
            if failures > 0 { throw ExitCode(ExitStatus.dataError.rawValue) }
        }

        private func pad(_ text: String, _ width: Int) -> String { text.padded(to: width) }

        /// The image with the mask's area pushed toward a teal tint (by coverage): what an
        /// edit confined to the mask would change. Opaque RGBA8 over white.
        static func simulatedEdit(_ image: PixelBuffer, mask: Mask) -> PixelBuffer {
            let base = image.converted(to: .rgba8).composited(over: RGB8(red: 255, green: 255, blue: 255)).converted(to: .rgba8)
            var edited = base
            let coverage = mask.bytes, w = base.width, stride = base.bytesPerRow
            let tint: [Double] = [40, 170, 160]
            edited.withUnsafeMutableBytes { bytes in
                for y in 0..<base.height {
                    for x in 0..<w {
                        let c = Double(coverage[y * w + x]) / 255 * 0.6
                        guard c > 0 else { continue }
                        let o = y * stride + x * 4
                        for k in 0..<3 { bytes[o + k] = UInt8((Double(bytes[o + k]) * (1 - c) + tint[k] * c).rounded()) }
                    }
                }
            }
            return edited
        }

        /// "1.23 s" or "456 ms".
        private func describe(_ duration: Duration) -> String {
            let milliseconds = Int((Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15).rounded())
            return milliseconds >= 1000 ? "\(milliseconds / 1000).\(String(milliseconds % 1000 / 10).paddedLeft(2)) s" : "\(milliseconds) ms"
        }
    }
}
