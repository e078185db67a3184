import ArgumentParser
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

    func validate() throws {
        if [size != nil, width != nil || height != nil].filter({ $0 }).count != 1 {
            throw ValidationError("give --size, or --width and/or --height")
        }
        if let size { _ = try GeometryArguments.size(size, flag: "--size") }
        if let width, width < 1 { throw ValidationError("--width must be at least 1") }
        if let height, height < 1 { throw ValidationError("--height must be at least 1") }
    }

    func run() async throws {
        let target: ResizeJob.Target = try size.map { .exact(try GeometryArguments.size($0, flag: "--size")) } ?? .edges(width: width, height: height)
        let format = try encoding.resolvedFormat(for: output)
        let result = try ResizeJob.run(input: input, output: output, target: target, resample: resampling.resample,
                                       shrinkOnLoad: !resampling.noShrinkOnLoad, encoding: try encoding.encodingOptions(for: format))
        Console.current.print("\(input) → \(output): \(format), \(result.size.width)×\(result.size.height), \(result.bytes) bytes")
    }
}
