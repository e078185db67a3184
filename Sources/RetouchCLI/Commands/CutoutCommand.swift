import ArgumentParser
import ImageCodecs
import ImageCore
import ImageOps

extension RootCommand {
    /// `retouch cutout IN -o OUT.png`: the studio backdrop becomes transparency.
    struct CutoutCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cutout",
            abstract: "Turn a clean studio backdrop into a real alpha channel: no halos, holes removed, white parts of the product kept.",
            discussion: """
                The backdrop is modelled from the image border (flat or gradient, with its noise); background is \
                what matches it and is connected to the border; enclosed holes are removed when they look like \
                the backdrop behind a real edge; edges are unmixed (x = αF + (1 − α)B) and decontaminated; soft \
                shadows are kept as semi-transparent black (or dropped). Then --trim, --pad, --canvas and \
                --fill-background finish the picture.
                """)

        @Argument(help: "Input image (a product on a plain backdrop).") var input: String
        @Option(name: .shortAndLong, help: "Output image (PNG or WebP keep the alpha; JPEG needs --fill-background).") var output: String
        @Option(name: .long, help: "Backdrop colour #RRGGBB (default: estimated from the border).") var background: String?
        @Option(name: .long, help: "Enclosed regions: auto, keep or remove (default auto).") var holes: String = "auto"
        @Option(name: .long, help: "Shadows on the backdrop: keep (semi-transparent black) or drop (default keep).") var shadow: String = "keep"
        @Flag(name: .long, help: "Crop to the subject (alpha ≥ 8).") var trim = false
        @Option(name: .long, help: "Transparent margin after trimming: pixels, or a percentage of the subject's longer side (10%).") var pad: String?
        @Option(name: .long, help: "Place the subject centred on a canvas WxH (shrunk to fit when larger).") var canvas: String?
        @Option(name: .long, help: "Where --canvas puts the subject: X,Y as fractions 0…1 (default 0.5,0.5, centred).") var position: String = "0.5,0.5"
        @Option(name: .long, help: "Composite onto this colour instead of transparency, e.g. #FFFFFF for a marketplace.") var fillBackground: String?
        @Option(name: .long, help: "Also write the matte (alpha as greyscale) here.") var alphaOut: String?
        @Flag(name: .long, help: "Print the report as JSON.") var json = false

        func validate() throws {
            if let background, RGB8(hex: background) == nil { throw ValidationError("--background \(background): expected #RRGGBB") }
            if let fillBackground, RGB8(hex: fillBackground) == nil { throw ValidationError("--fill-background \(fillBackground): expected #RRGGBB") }
            if CutoutOptions.Holes(rawValue: holes) == nil { throw ValidationError("--holes \(holes): expected auto, keep or remove") }
            if CutoutOptions.Shadows(rawValue: shadow) == nil { throw ValidationError("--shadow \(shadow): expected keep or drop") }
            if let canvas { _ = try GeometryArguments.size(canvas, flag: "--canvas") }
            if let pad, Self.padding(pad, longSide: 100) == nil { throw ValidationError("--pad \(pad): expected pixels (24) or a percentage (10%)") }
            if Self.anchor(position) == nil { throw ValidationError("--position \(position): expected X,Y fractions 0…1, e.g. 0.5,0.8") }
        }

        /// `0.5,0.8` → (0.5, 0.8), each 0…1.
        static func anchor(_ text: String) -> (x: Double, y: Double)? {
            let parts = text.split(separator: ",")
            guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]), (0...1).contains(x), (0...1).contains(y) else { return nil }
            return (x, y)
        }

        /// `24` → 24 px; `10%` → 10 % of `longSide`.
        static func padding(_ text: String, longSide: Int) -> Int? {
            if text.hasSuffix("%") {
                guard let value = Double(text.dropLast()), value >= 0, value.isFinite else { return nil }
                return Int((value / 100 * Double(longSide)).rounded())
            }
            guard let value = Int(text), value >= 0 else { return nil }
            return value
        }

        /// Reads, decodes and cuts out the input; the decoded image is released on return,
        /// before the result is encoded.
        func cutOut() throws -> (PixelBuffer, CutoutReport) {
            let bytes = try FileAccess.read(input)
            let metadata = try ImageCodec.readMetadata(bytes)
            let image = try ImageCodec.decode(bytes, options: DecodingOptions(animation: .firstFrame)).upright()
            let lossy = metadata.format == .jpeg || (metadata.format == .webp && metadata.compression == "lossy")
            let options = CutoutOptions(background: background.flatMap(RGB8.init(hex:)), holes: CutoutOptions.Holes(rawValue: holes)!,
                                        shadows: CutoutOptions.Shadows(rawValue: shadow)!, lossyInput: lossy)
            return Cutout.apply(consume image, options: options)
        }

        func run() async throws {
            let console = Console.current
            do {
                var (result, report) = try cutOut()
                if let alphaOut {
                    try FileAccess.write(try ImageCodec.encode(Mask(alphaOf: result).grayBuffer, options: .png(.default)), to: alphaOut)
                }
                if trim || pad != nil {
                    guard let rect = CutoutFinishing.subjectRect(result) else { throw CLIError.usage("\(input): nothing left to trim to: the whole image matched the backdrop") }
                    result = try result.cropped(to: rect)
                }
                if let pad {
                    let margin = Self.padding(pad, longSide: max(result.width, result.height))!
                    result = CutoutFinishing.padded(result, by: PixelInsets(left: margin, top: margin, right: margin, bottom: margin))
                }
                if let canvas {
                    result = CutoutFinishing.onCanvas(result, size: try GeometryArguments.size(canvas, flag: "--canvas"), anchor: Self.anchor(position)!)
                }
                if let fillBackground { result = CutoutFinishing.filled(result, with: RGB8(hex: fillBackground)!) }
                let format = ImageFormat(fileExtension: FilePath.pathExtension(of: output)) ?? .png
                if format == .jpeg && fillBackground == nil {
                    throw CLIError.usage("\(output): JPEG has no alpha channel; write PNG or WebP, or add --fill-background #RRGGBB")
                }
                let size = result.size
                let encoded = try ImageCodec.encode(consume result, options: format == .png ? .png(PNGEncodingOptions()) : format == .webp ? .webp(WebPEncodingOptions(quality: 100, lossless: true)) : .jpeg(JPEGEncodingOptions(quality: 92)))
                try FileAccess.write(encoded, to: output)
                if json {
                    console.print(Self.report(report, output: output, size: size).rendered(pretty: true))
                } else {
                    let box = report.subjectBox.map { "\($0.width)x\($0.height) at \($0.x),\($0.y)" } ?? "none"
                    console.print("\(input) → \(output): \(size.width)x\(size.height)")
                    console.print("  backdrop \(report.backdrop.description) (\(report.backdropKind), noise \(DiffReport.format(report.noise, 1))\(report.lossyInput ? ", lossy input" : "")), tolerance \(DiffReport.format(report.tolerance, 1))")
                    console.print("  subject \(DiffReport.format(report.foregroundFraction * 100, 1)) % of the image, box \(box); \(report.holesRemoved) holes removed; \(report.shadowPixels) shadow pixels \(shadow == "keep" ? "kept" : "dropped")")
                }
                report.warnings.forEach { console.printError("warning: \(input): \($0)") }
            } catch {
                throw ErrorReporting.exit(error, file: input)
            }
        }

        static func report(_ r: CutoutReport, output: String, size: PixelSize) -> JSONValue {
            .object([
                ("output", .string(output)), ("width", .int(size.width)), ("height", .int(size.height)),
                ("backdrop", .object([("color", .string(r.backdrop.description)), ("kind", .string(r.backdropKind)), ("noise", .double(r.noise)),
                                      ("jpegDetected", .bool(r.lossyInput))])),
                ("tolerance", .double(r.tolerance)),
                ("foregroundFraction", .double(r.foregroundFraction)),
                ("subjectBox", r.subjectBox.map { .object([("x", .int($0.x)), ("y", .int($0.y)), ("width", .int($0.width)), ("height", .int($0.height))]) } ?? .null),
                ("holesRemoved", .int(r.holesRemoved)),
                ("shadowPixels", .int(r.shadowPixels)),
                ("warnings", .array(r.warnings.map(JSONValue.string))),
            ])
        }
    }
}
