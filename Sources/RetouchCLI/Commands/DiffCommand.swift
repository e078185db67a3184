import ArgumentParser
import ImageOps
import ImagePipeline

/// `retouch diff A B`: what changed, where, and whether it is within budget.
struct DiffCommand: RetouchCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
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
    @OptionGroup var overwriteOption: OverwriteOption
    @OptionGroup var maskInput: MaskInputOptions
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
        if !(scale > 0 && scale <= 1000) { throw ValidationError("--scale \(scale): expected a ΔE00 above 0 and at most 1000") }
        _ = try budgets()
        if picturesOnly {
            if diffImage == nil { throw ValidationError("--pictures-only needs --diff-image") }
            if json || !max.isEmpty || !min.isEmpty || heatmap != nil || sideBySide != nil {
                throw ValidationError("--pictures-only writes only --diff-image; drop --json, --max, --min, --heatmap and --side-by-side")
            }
        }
    }

    /// The `--max` and `--min` budgets, in that order.
    func budgets() throws -> [Budget] {
        try max.map { try Self.budget($0, flag: "--max") } + min.map { try Self.budget($0, flag: "--min") }
    }

    static func budget(_ text: String, flag: String) throws -> Budget {
        let parts = text.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, let limit = Double(parts[1]), limit.isFinite else {
            throw ValidationError("\(flag) \(text): expected KEY=NUMBER, e.g. outside.changedFraction=0.01")
        }
        guard let metric = CompareMetric(String(parts[0])) else {
            throw ValidationError("\(flag) \(text): budget key \(parts[0]) is not a number of the report; use a JSON path such as ssim, deltaE2000.p95, changedFraction, pixelmatch, outside.changedFraction (outside/inside need --mask)")
        }
        return Budget(metric: metric, limit: limit, isMaximum: flag == "--max")
    }

    func run() async throws {
        let console = Console.current
        try OutputSafety.check(inputs: [(a, "image A"), (b, "image B")] + (maskInput.mask.map { [($0, "--mask")] } ?? []),
                               outputs: [heatmap.map { ($0, "--heatmap") }, sideBySide.map { ($0, "--side-by-side") }, diffImage.map { ($0, "--diff-image") }].compactMap { $0 },
                               overwriteInputs: overwriteOption.overwrite)
        let options = CompareJobOptions(
            aPath: a, bPath: b, maskPath: maskInput.mask, maskChannel: maskInput.maskChannel, resizeB: resizeB,
            comparison: ComparisonOptions(deltaEThreshold: deltaE, pixelmatch: PixelmatchOptions(threshold: threshold, includeAA: includeAa)),
            heatmapPath: heatmap, heatmapScale: scale, sideBySidePath: sideBySide, diffImagePath: diffImage, budgets: try budgets())
        if picturesOnly, let diffImage {
            let mismatched = try CompareJob.writePixelmatchPicture(options)
            console.print("\(diffImage): pixelmatch \(mismatched) px")
            return
        }
        let report = try CompareJob.run(options)
        report.warnings.forEach { console.printError("warning: \(b): \($0)") }
        if json {
            console.print(ReportEncoder.text(report))
        } else {
            report.text.forEach(console.print)
        }
        report.violations.forEach { console.printError("budget exceeded: \($0)") }
        if !report.violations.isEmpty { throw ExitCode(ExitStatus.checkFailed.rawValue) }
    }
}
