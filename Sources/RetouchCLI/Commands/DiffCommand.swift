import ArgumentParser
import ImageCodecs
import ImageCore
import ImageOps

extension RootCommand {
    /// `retouch diff A B`: what changed, where, and whether it is within budget.
    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure how far B drifted from A: PSNR, SSIM, ΔE2000, changed pixels, pixelmatch, alignment; inside and outside a mask.",
            discussion: """
                Colour metrics compare both images composited over white when either has alpha; the alpha \
                difference is reported apart. With --mask (either convention), every metric is also given for \
                `inside` (coverage > 0: the edit was allowed) and `outside` (coverage = 0: it had to stay). \
                --max/--min KEY=VALUE turn the command into a check (exit 1 on a violated budget); KEY is a JSON \
                path such as ssim, deltaE2000.p95, outside.changedFraction.
                """)

        @Argument(help: "Image A (the reference, e.g. the original).") var a: String
        @Argument(help: "Image B (the version to check).") var b: String
        @Option(name: .long, help: "Mask of the area the edit was allowed to change (openai or white convention, detected).") var mask: String?
        @Option(name: .long, help: "How to read --mask: alpha (alpha 0 = edit) or luma (white = edit).") var maskChannel: String?
        @Flag(name: .long, help: "Resample B onto A's size when they differ (otherwise exit 65).") var resizeB = false
        @Option(name: .long, help: "ΔE00 above which a pixel counts as changed (default 2.0).") var deltaE: Double = 2.0
        @Option(name: .long, help: "pixelmatch threshold 0…1 (default 0.1).") var threshold: Double = 0.1
        @Flag(name: .long, help: "pixelmatch: count anti-aliased pixels too.") var includeAa = false
        @Option(name: .long, help: "Write the ΔE00 heatmap (magma, with legend) here.") var heatmap: String?
        @Option(name: .long, help: "Heatmap scale: ΔE00 at the top of the colour map (default 10).") var scale: Double = 10
        @Option(name: .long, help: "Write A | B | heatmap, labelled, here.") var sideBySide: String?
        @Option(name: .long, help: "Write pixelmatch's diff picture (changed red, anti-aliased yellow) here.") var diffImage: String?
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Budget KEY=VALUE: fail when the value is above.") var max: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Budget KEY=VALUE: fail when the value is below.") var min: [String] = []
        @Flag(name: .long, help: "Print the report as JSON.") var json = false
        @Flag(name: .long, help: "Only write the --diff-image (no metrics, no report): the fast path for screenshots.") var picturesOnly = false

        func validate() throws {
            if !(deltaE >= 0 && deltaE.isFinite) { throw ValidationError("--delta-e \(deltaE): expected a ΔE00 ≥ 0") }
            if !(threshold >= 0 && threshold <= 1) { throw ValidationError("--threshold \(threshold): expected 0…1") }
            if !(scale > 0 && scale.isFinite) { throw ValidationError("--scale \(scale): expected a ΔE00 > 0") }
            if let maskChannel, !["alpha", "luma"].contains(maskChannel) { throw ValidationError("--mask-channel \(maskChannel): expected alpha or luma") }
            for (flag, budgets) in [("--max", max), ("--min", min)] { for budget in budgets { _ = try Budget(budget, flag: flag) } }
            if picturesOnly {
                if diffImage == nil { throw ValidationError("--pictures-only needs --diff-image") }
                if json || !max.isEmpty || !min.isEmpty || heatmap != nil || sideBySide != nil {
                    throw ValidationError("--pictures-only writes only --diff-image; drop --json, --max, --min, --heatmap and --side-by-side")
                }
            }
        }

        func run() async throws {
            let console = Console.current
            var current = a
            do {
                // Opaque colour images stay RGB8: no metric reads alpha that is not there.
                let decoding = DecodingOptions(animation: .firstFrame, keepRGB: true)
                let imageA = try ImageCodec.decode(try FileAccess.read(a), options: decoding).upright()
                current = b
                var imageB = try ImageCodec.decode(try FileAccess.read(b), options: decoding).upright()
                if imageB.size != imageA.size {
                    guard resizeB else {
                        throw CLIError.mismatch("\(a) is \(imageA.width)x\(imageA.height) but \(b) is \(imageB.width)x\(imageB.height); pass --resize-b to resample B onto A")
                    }
                    imageB = imageB.resized(to: imageA.size)
                }
                var maskCoverage: Mask?
                if let mask {
                    current = mask
                    let coverage = try MaskCommand.importMask(mask, channel: maskChannel)
                    guard coverage.size == imageA.size else {
                        throw CLIError.mismatch("\(mask) is \(coverage.width)x\(coverage.height) but the images are \(imageA.width)x\(imageA.height)")
                    }
                    maskCoverage = coverage
                }
                current = b
                if picturesOnly, let diffImage {
                    let mismatched = try writePixelmatchPicture(consume imageA, consume imageB, to: diffImage)
                    console.print("\(diffImage): pixelmatch \(mismatched) px")
                    return
                }
                let options = ComparisonOptions(deltaEThreshold: deltaE, pixelmatch: PixelmatchOptions(threshold: threshold, includeAA: includeAa))
                let comparison = ImageComparison.compare(imageA, imageB, mask: maskCoverage, options: options)

                if heatmap != nil || sideBySide != nil {
                    let picture = DiffPictures.heatmap(comparison, a: imageA, mask: maskCoverage, scale: scale)
                    if let heatmap { try FileAccess.write(try ImageCodec.encode(picture, options: .png(.default)), to: heatmap) }
                    if let sideBySide {
                        let combined = DiffPictures.sideBySide(a: imageA, b: imageB, heatmap: picture)
                        try FileAccess.write(try ImageCodec.encode(combined, options: .png(.default)), to: sideBySide)
                    }
                }
                if let diffImage {
                    let picture = Pixelmatch.compare(imageA, imageB, options: options.pixelmatch, picture: true).picture!
                    try FileAccess.write(try ImageCodec.encode(picture, options: .png(PNGEncodingOptions(reduceChannels: false, palette: true))), to: diffImage)
                }

                var report = DiffReport.json(comparison, a: a, b: b)
                let budgets = try max.map { try Budget($0, flag: "--max") } + min.map { try Budget($0, flag: "--min") }
                var violations: [String] = []
                for budget in budgets {
                    let actual = try budget.actual(in: report)
                    if budget.isViolated(by: actual) { violations.append(budget.describe(actual: actual)) }
                }
                report = DiffReport.adding(verdict: violations, to: report)
                if json {
                    console.print(report.rendered(pretty: true))
                } else {
                    DiffReport.text(comparison, a: a, b: b).forEach(console.print)
                }
                violations.forEach { console.printError("budget exceeded: \($0)") }
                if !violations.isEmpty { throw ExitCode(ExitStatus.checkFailed.rawValue) }
            } catch let exit as ExitCode {
                throw exit
            } catch {
                throw ErrorReporting.exit(error, file: current)
            }
        }

        /// Writes pixelmatch's picture of `first` against `second` to `path`; returns the
        /// count. The picture is drawn over `first` and filtered there by the encoder;
        /// `second` is released before the encoder runs.
        private func writePixelmatchPicture(_ first: consuming PixelBuffer, _ second: consuming PixelBuffer, to path: String) throws -> Int {
            var result = Pixelmatch.compare(consume first, second, options: PixelmatchOptions(threshold: threshold, includeAA: includeAa), picture: true)
            _ = consume second
            // Taken out of the result, so the encoder owns the picture's storage.
            try FileAccess.write(try ImageCodec.encode(result.picture.take()!, options: .png(PNGEncodingOptions(reduceChannels: false, palette: true))), to: path)
            return result.mismatched
        }
    }
}
