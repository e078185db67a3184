import ArgumentParser
import ImageOps
import ImagePipeline

/// `retouch resize IN -o OUT (--size WxH | --width W | --height H)`.
struct ResizeCommand: RetouchCommand {
    static let configuration = CommandConfiguration(
        commandName: "resize",
        abstract: "Resample an image (upright) to a size; --width or --height alone keeps the ratio.")

    @Argument(help: "Input image.") var input: String
    @Option(name: .shortAndLong, help: "Output file.") var output: String
    @Option(name: .long, help: "Exact size WxH; the image is cropped centrally to that ratio first (never stretched).") var size: String?
    @Option(name: .long, help: "Width; the height follows the ratio.") var width: Int?
    @Option(name: .long, help: "Height; the width follows the ratio.") var height: Int?
    @OptionGroup var resampling: ResamplingOptions
    @OptionGroup var encoding: OutputFormatOptions
    @OptionGroup var overwriteOption: OverwriteOption

    func validate() throws {
        if [size != nil, width != nil || height != nil].filter({ $0 }).count != 1 {
            throw ValidationError("give --size, or --width and/or --height")
        }
        if let size { _ = try GeometryArguments.size(size, flag: "--size") }
        for (flag, value) in [("--width", width), ("--height", height)] {
            if let value, value < 1 || value > OutputLimits.maxDimension {
                throw ValidationError("\(flag) \(value): expected 1…\(OutputLimits.maxDimension) pixels")
            }
        }
    }

    func run() async throws {
        try OutputSafety.check(inputs: [(input, "the input image")], outputs: [(output, "-o")], overwriteInputs: overwriteOption.overwrite)
        let target: ResizeJob.Target = try size.map { .exact(try GeometryArguments.size($0, flag: "--size")) } ?? .edges(width: width, height: height)
        let format = try encoding.resolvedFormat(for: output)
        let result = try ResizeJob.run(input: input, output: output, target: target, resample: resampling.resample,
                                       shrinkOnLoad: !resampling.noShrinkOnLoad, encoding: try encoding.encodingOptions(for: format))
        Console.current.print("\(input) → \(output): \(format), \(result.size.width)×\(result.size.height), \(result.bytes) bytes")
    }
}
