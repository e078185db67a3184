import ArgumentParser
import ImageCodecs
import ImageCore
import ImageOps
import ImagePipeline

/// `retouch cutout IN -o OUT.png`: the studio backdrop becomes transparency.
struct CutoutCommand: RetouchCommand {
    static let configuration = CommandConfiguration(
        commandName: "cutout",
        abstract: "Turn a clean studio backdrop into a real alpha channel: no halos, holes removed, white parts of the product kept.",
        discussion: """
            The backdrop is modelled from the image border (flat or gradient, with its noise); background is \
            what matches it and is connected to the border; enclosed holes are removed when they look like \
            the backdrop behind a real edge; edges are unmixed (x = αF + (1 − α)B) and decontaminated; soft \
            shadows are kept as semi-transparent black (or dropped). Then --trim, --pad, --canvas (with --fill) \
            and --fill-background finish the picture. --strict fails (exit 65, nothing written) where a \
            warning would say the image is not a product on a plain backdrop.
            """)

    @Argument(help: "Input image (a product on a plain backdrop).") var input: String
    @Option(name: .shortAndLong, help: "Output image (PNG or WebP keep the alpha; JPEG needs --fill-background).") var output: String
    @OptionGroup var overwriteOption: OverwriteOption
    @Option(name: .long, help: "Backdrop colour #RRGGBB (default: estimated from the border).") var background: String?
    @Option(name: .long, help: "Enclosed regions.") var holes: CutoutOptions.Holes = .auto
    @Option(name: .long, help: "Shadows on the backdrop: keep (semi-transparent black) or drop.") var shadow: CutoutOptions.Shadows = .keep
    @Flag(name: .long, help: "Crop to the subject (alpha ≥ 8).") var trim = false
    @Option(name: .long, help: "Transparent margin: pixels, or a percentage (10%) of the longer side of the subject (with --trim or --fill) or else of the image; it does not trim.") var pad: String?
    @Option(name: .long, help: "Place the subject centred on a canvas WxH (shrunk to fit when larger).") var canvas: String?
    @Option(name: .long, help: "With --canvas: scale the trimmed subject so it fills this share of the canvas (85% for amazon-main), up or down.") var fill: String?
    @Option(name: .long, help: "Where --canvas puts the subject: X,Y as fractions 0…1 (default 0.5,0.5, centred).") var position: String = "0.5,0.5"
    @Option(name: .long, help: "Composite onto this colour instead of transparency, e.g. #FFFFFF for a marketplace.") var fillBackground: String?
    @Option(name: .long, help: "Also write the matte (alpha as greyscale) here.") var alphaOut: String?
    @Option(name: .long, help: "Also write what each pixel became: black background, white subject, orange edge, blue shadow (PNG).") var debugMatte: String?
    @Flag(name: .long, help: "Fail (exit 65) instead of warning when the image is not a product on a plain backdrop.") var strict = false
    @Flag(name: .long, help: "Print the report as JSON.") var json = false

    func validate() throws {
        if let background, RGB8(hex: background) == nil { throw ValidationError("--background \(background): expected #RRGGBB") }
        if let fillBackground, RGB8(hex: fillBackground) == nil { throw ValidationError("--fill-background \(fillBackground): expected #RRGGBB") }
        if let canvas { _ = try GeometryArguments.size(canvas, flag: "--canvas") }
        if let pad, Self.margin(pad) == nil { throw ValidationError("--pad \(pad): expected pixels (0…\(OutputLimits.maxDimension)) or a percentage (0…1000 %, e.g. 10%)") }
        if let fill {
            guard Self.fraction(fill) != nil else { throw ValidationError("--fill \(fill): expected a share of the canvas above 0 % and at most 100 %, e.g. 85%") }
            guard canvas != nil else { throw ValidationError("--fill needs --canvas WxH (the frame the subject fills)") }
        }
        if Self.anchor(position) == nil { throw ValidationError("--position \(position): expected X,Y fractions 0…1, e.g. 0.5,0.8") }
    }

    /// `0.5,0.8` → (0.5, 0.8), each 0…1.
    static func anchor(_ text: String) -> (x: Double, y: Double)? {
        let parts = text.split(separator: ",")
        guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]), (0...1).contains(x), (0...1).contains(y) else { return nil }
        return (x, y)
    }

    /// `85%` → 0.85 (or `0.85`); above 0, at most 1.
    static func fraction(_ text: String) -> Double? {
        let value = text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
        guard let value, value.isFinite, value > 0, value <= 1 else { return nil }
        return value
    }

    /// `24` → 24 px; `10%` → 10 % of the subject's longer side (at most 65,535 px or 1000 %).
    static func margin(_ text: String) -> CutoutFinish.Margin? {
        if text.hasSuffix("%") {
            guard let value = Double(text.dropLast()), value >= 0, value <= 1000, value.isFinite else { return nil }
            return .percentOfLongSide(value)
        }
        guard let value = Int(text), value >= 0, value <= OutputLimits.maxDimension else { return nil }
        return .pixels(value)
    }

    func run() async throws {
        let console = Console.current
        try OutputSafety.check(inputs: [(input, "the input image")],
                               outputs: [(output, "-o"), alphaOut.map { ($0, "--alpha-out") }, debugMatte.map { ($0, "--debug-matte") }].compactMap { $0 },
                               overwriteInputs: overwriteOption.overwrite)
        let finish = CutoutFinish(
            trim: trim, pad: pad.flatMap(Self.margin), canvas: try canvas.map { try GeometryArguments.size($0, flag: "--canvas") },
            anchor: Self.anchor(position) ?? (0.5, 0.5), fill: fillBackground.flatMap(RGB8.init(hex:)), fillFraction: fill.flatMap(Self.fraction))
        let report = try CutoutJob.run(CutoutJobOptions(
            inputPath: input, outputPath: output, format: ImageFormat(fileExtension: FilePath.pathExtension(of: output)) ?? .png,
            alphaOutPath: alphaOut, cutout: CutoutOptions(background: background.flatMap(RGB8.init(hex:)), holes: holes, shadows: shadow),
            finish: finish, debugMattePath: debugMatte, strict: strict))
        if json {
            console.print(ReportEncoder.text(report))
        } else {
            let r = report.cutout
            let box = r.subjectBox.boxText
            console.print("\(input) → \(output): \(report.size.width)x\(report.size.height)")
            console.print("  backdrop \(r.backdrop.description) (\(r.backdropKind), noise \(Decimals.format(r.noise, 1))\(r.lossyInput ? ", lossy input" : "")), tolerance \(Decimals.format(r.tolerance, 1))")
            console.print("  subject \(Decimals.format(r.foregroundFraction * 100, 1)) % of the image, box \(box); \(r.holesRemoved) holes removed; \(r.shadowPixels) shadow pixels \(shadow == .keep ? "kept" : "dropped")")
        }
        report.cutout.warnings.forEach { console.printError("warning: \(input): \($0)") }
    }
}
