import ArgumentParser
import EditProviders
import ImageCodecs
import ImageCore
import ImageOps

extension RootCommand {
    /// `retouch prepare FILE -o OUT`: upright, framed for a channel, fitted to a model.
    struct Prepare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an upload a model accepts: orient, crop or pad to a channel, fit the size, resample.",
            discussion: """
                The output is upright, framed (--channel or --aspect, placed by --gravity), sized to the model's \
                rules (--for) and the target (--tier, --long-edge or --size), resampled, and encoded with metadata \
                stripped. With --mask the same geometry is applied to the mask, written beside the output as \
                NAME-mask.png in the mask's own convention. An impossible request names the broken rule and the \
                nearest valid sizes.
                """)

        @Argument(help: "Input image (PNG, JPEG or WebP).") var input: String
        @Option(name: .shortAndLong, help: "Output file.") var output: String
        @Option(name: .customLong("for"), help: "Model whose size rules apply, e.g. gpt-image-2, gpt-image-1.5.") var model: String?
        @Option(name: .long, help: "Channel preset (see `retouch channels`).") var channel: String?
        @Option(name: .long, help: "Aspect ratio W:H to crop or pad to.") var aspect: String?
        @Option(name: .long, help: "Size tier: 1k, 2k or 4k (long edge 1024, 2048, 3840).") var tier: String?
        @Option(name: .long, help: "Long edge in pixels.") var longEdge: Int?
        @Option(name: .long, help: "Exact output size WxH.") var size: String?
        @Option(name: .long, help: "How to reach the ratio: crop, pad or stretch (default crop).") var fit: String = "crop"
        @Option(name: .long, help: "Crop placement: center, entropy, attention, subject, or X,Y (fractions or pixels).") var gravity: String = "center"
        @Option(name: .long, help: "Mask image to carry through the same geometry.") var mask: String?
        @Option(name: .long, help: "Border colour for padding: auto, #RRGGBB or transparent.") var padColor: String = "auto"
        @Option(name: .long, help: "Resampling filter: lanczos3, mitchell, catmull-rom, bilinear, box.") var filter: String = "lanczos3"
        @Flag(name: .long, help: "Resample in linear light.") var linear = false
        @Flag(name: .long, help: "Decode JPEGs at full size even when a DCT-scaled decode would do.") var noShrinkOnLoad = false
        @OptionGroup var encoding: OutputFormatOptions
        @Flag(name: .long, help: "Print the plan as JSON.") var json = false

        func validate() throws {
            if channel != nil && aspect != nil { throw ValidationError("--channel and --aspect cannot be combined") }
            if [tier != nil, longEdge != nil, size != nil].filter({ $0 }).count > 1 {
                throw ValidationError("give at most one of --tier, --long-edge and --size")
            }
            if let channel, ChannelPreset.named(channel) == nil {
                throw ValidationError("unknown channel \(channel); see `retouch channels`")
            }
            if let tier, FitTarget(tier: tier) == nil { throw ValidationError("--tier \(tier): expected 1k, 2k or 4k") }
            if let longEdge, longEdge < 1 { throw ValidationError("--long-edge must be at least 1") }
            if FitMode(rawValue: fit) == nil { throw ValidationError("--fit \(fit): expected crop, pad or stretch") }
            if ResampleFilter(rawValue: filter) == nil { throw ValidationError("--filter \(filter): expected \(ResampleFilter.allCases.map(\.rawValue).joined(separator: ", "))") }
            if PadColor(argument: padColor) == nil { throw ValidationError("--pad-color \(padColor): expected auto, transparent or #RRGGBB") }
            if let size { _ = try GeometryArguments.size(size, flag: "--size") }
            if let aspect { _ = try GeometryArguments.aspect(aspect) }
        }

        func run() async throws {
            let console = Console.current
            do {
                let bytes = try FileAccess.read(input)
                let metadata = try ImageCodec.readMetadata(bytes)
                let format = try encoding.resolvedFormat(for: output)
                let options = try encoding.encodingOptions(for: format, iccProfile: nil)
                var target: FitTarget?
                if let tier { target = FitTarget(tier: tier) }
                if let longEdge { target = .longEdge(longEdge) }
                if let size { target = .exact(try GeometryArguments.size(size, flag: "--size")) }
                let request = PrepareRequest(
                    model: model, channel: channel.flatMap(ChannelPreset.named), aspect: try aspect.map(GeometryArguments.aspect),
                    target: target, fit: FitMode(rawValue: fit)!, gravity: try GeometryArguments.gravity(gravity, uprightSize: metadata.uprightSize),
                    padColor: PadColor(argument: padColor)!, resample: ResampleOptions(filter: ResampleFilter(rawValue: filter)!, linearLight: linear),
                    shrinkOnLoad: !noShrinkOnLoad)

                var maskInput: (mask: Mask, convention: MaskConvention)?
                if let mask {
                    let image = try ImageCodec.decode(try FileAccess.read(mask)).upright()
                    let convention = MaskConvention.detect(image)
                    maskInput = (convention.mask(from: image), convention)
                }
                let prepared = try ImagePreparer.prepare(bytes, request: request, mask: maskInput?.mask)
                let encoded = try ImageCodec.encode(prepared.pixels, options: options)
                try FileAccess.write(encoded, to: output)
                var maskPath: String?
                if let outputMask = prepared.mask, let convention = maskInput?.convention {
                    let path = Self.maskPath(for: output)
                    let image = convention.image(from: outputMask)
                    try FileAccess.write(try ImageCodec.encode(image, options: .png(PNGEncodingOptions(reduceChannels: convention == .white))), to: path)
                    maskPath = path
                }
                let report = PrepareReportView(report: prepared.report, format: format, bytes: encoded.count, maskPath: maskPath)
                if json {
                    console.print(report.json.rendered(pretty: true))
                } else {
                    report.text(input: input, output: output).forEach(console.print)
                }
                prepared.report.warnings.forEach { console.printError("warning: \(input): \($0)") }
            } catch {
                throw ErrorReporting.exit(error, file: input)
            }
        }

        /// `out/photo.png` → `out/photo-mask.png`.
        static func maskPath(for output: String) -> String {
            FilePath.deletingExtension(of: output) + "-mask.png"
        }
    }
}
