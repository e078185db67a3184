import ArgumentParser
import EditProviders
import ImageCodecs
import ImageOps
import ImagePipeline

/// `retouch prepare FILE -o OUT`: upright, framed for a channel, fitted to a model.
struct PrepareCommand: RetouchCommand {
    static let configuration = CommandConfiguration(
        commandName: "prepare",
        abstract: "Make an upload a model accepts: orient, crop or pad to a channel, fit the size, resample.",
        discussion: """
            The output is upright, framed (--channel or --aspect, placed by --gravity), sized to the model's \
            rules (--for) and the target (--tier, --long-edge or --size), resampled, and encoded with metadata \
            stripped. A non-sRGB ICC profile is converted to sRGB on decode; --keep-icc keeps the numbers and \
            embeds the profile instead. With --mask the same geometry is applied to the mask, written in the \
            mask's own convention to --mask-out FILE or beside the output as NAME-mask.png (an existing \
            NAME-mask.png is replaced only with --overwrite). An impossible request names the broken rule and \
            the nearest valid sizes.
            """)

    @Argument(help: "Input image (PNG, JPEG or WebP).") var input: String
    @Option(name: .shortAndLong, help: "Output file.") var output: String
    @Option(name: .customLong("for"), help: "Model whose size rules apply, e.g. gpt-image-2, gpt-image-1.5.") var model: String?
    @Option(name: .long, help: "Channel preset (see `retouch channels`).") var channel: String?
    @Option(name: .long, help: "Aspect ratio W:H to crop or pad to.") var aspect: String?
    @Option(name: .long, help: "Size tier: 1k, 2k or 4k (long edge 1024, 2048, 3840).") var tier: String?
    @Option(name: .long, help: "Long edge in pixels.") var longEdge: Int?
    @Option(name: .long, help: "Exact output size WxH.") var size: String?
    @Option(name: .long, help: "How to reach the ratio.") var fit: FitMode = .crop
    @Option(name: .long, help: "Crop placement: center, entropy, attention, subject, or X,Y (fractions or pixels).") var gravity: String = "center"
    @OptionGroup var maskInput: MaskInputOptions
    @Option(name: .long, help: "Where to write the prepared mask (default: NAME-mask.png beside the output).") var maskOut: String?
    @Flag(name: .long, help: "Replace an existing NAME-mask.png derived from -o, or let -o replace the input.") var overwrite = false
    @Option(name: .long, help: "Also write the whole source with the crop outlined and the rest darkened (PNG).") var preview: String?
    @Flag(name: .long, help: "Keep the input's colour numbers and embed its ICC profile (default: convert to sRGB).") var keepIcc = false
    @Option(name: .long, help: "Border colour for padding: auto, #RRGGBB or transparent.") var padColor: PadColor = .auto
    @OptionGroup var resampling: ResamplingOptions
    @OptionGroup var encoding: OutputFormatOptions
    @Flag(name: .long, help: "Print the plan as JSON.") var json = false

    func validate() throws {
        if channel != nil && aspect != nil { throw ValidationError("--channel and --aspect cannot be combined") }
        if maskOut != nil && maskInput.mask == nil { throw ValidationError("--mask-out needs --mask") }
        if [tier != nil, longEdge != nil, size != nil].filter({ $0 }).count > 1 {
            throw ValidationError("give at most one of --tier, --long-edge and --size")
        }
        if let channel, ChannelPreset.named(channel) == nil {
            throw ValidationError("unknown channel \(channel); see `retouch channels`")
        }
        if let tier, FitTarget(tier: tier) == nil { throw ValidationError("--tier \(tier): expected 1k, 2k or 4k") }
        if let longEdge, longEdge < 1 || longEdge > OutputLimits.maxDimension {
            throw ValidationError("--long-edge \(longEdge): expected 1…\(OutputLimits.maxDimension) pixels")
        }
        if let size { _ = try GeometryArguments.size(size, flag: "--size") }
        if let aspect { _ = try GeometryArguments.aspect(aspect) }
        _ = try GeometryArguments.gravity(gravity)
    }

    func run() async throws {
        let console = Console.current
        try OutputSafety.check(inputs: [(input, "the input image")] + (maskInput.mask.map { [($0, "--mask")] } ?? []), outputs: [(output, "-o")],
                               overwriteInputs: overwrite)
        var target: FitTarget?
        if let tier { target = FitTarget(tier: tier) }
        if let longEdge { target = .longEdge(longEdge) }
        if let size { target = .exact(try GeometryArguments.size(size, flag: "--size")) }
        let profile = try model.map { id throws(EditProviderError) in try ModelCatalog.profile(for: id) }
        let options = PrepareOptions(
            sizeRules: profile?.sizeRules, sizeRulesName: profile?.id, channel: channel.flatMap(ChannelPreset.named),
            aspect: try aspect.map(GeometryArguments.aspect), target: target, fit: fit,
            gravity: try GeometryArguments.gravity(gravity), padColor: padColor, resample: resampling.resample,
            shrinkOnLoad: !resampling.noShrinkOnLoad, keepICC: keepIcc)
        let format = try encoding.resolvedFormat(for: output)
        let report = try PrepareJob.run(input: input, output: output, options: options, encoding: try encoding.encodingOptions(for: format),
                                        maskPath: maskInput.mask, maskChannel: maskInput.maskChannel, maskOutput: maskOut, overwrite: overwrite, previewPath: preview)
        if json {
            console.print(ReportEncoder.text(report))
        } else {
            report.text(input: input, output: output).forEach(console.print)
        }
        report.warnings.forEach { console.printError("warning: \(input): \($0)") }
    }
}
