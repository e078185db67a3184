import ArgumentParser
import ImageCodecs
import ImagePipeline

/// `retouch convert IN -o OUT`: decode, orient upright, encode.
struct ConvertCommand: RetouchCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert between PNG, JPEG and WebP, upright and with metadata stripped.",
        discussion: "The EXIF orientation is applied unless --no-orient is given, so the output needs no orientation tag. Metadata is stripped; --keep-icc re-embeds the ICC profile.")

    @Argument(help: "Input image (PNG, JPEG or WebP).") var input: String
    @Option(name: .shortAndLong, help: "Output file.") var output: String
    @OptionGroup var overwriteOption: OverwriteOption
    @OptionGroup var encoding: OutputFormatOptions
    @Flag(name: .long, help: "Keep the stored orientation (do not apply EXIF orientation).") var noOrient = false
    @Flag(name: .long, help: "Re-embed the input's ICC profile in the output.") var keepIcc = false
    @Flag(name: .long, help: "Decode the first frame of an animated input instead of failing.") var firstFrame = false
    @Flag(name: .long, help: "Accept a truncated JPEG (missing part filled grey) with a warning.") var lenient = false

    func run() async throws {
        let console = Console.current
        try OutputSafety.check(inputs: [(input, "the input image")], outputs: [(output, "-o")], overwriteInputs: overwriteOption.overwrite)
        let format = try encoding.resolvedFormat(for: output)
        let report = try ConvertJob.run(
            input: input, output: output, encoding: try encoding.encodingOptions(for: format),
            decoding: DecodingOptions(lenient: lenient, animation: firstFrame ? .firstFrame : .reject),
            orient: !noOrient, keepICC: keepIcc)
        report.warnings.forEach { console.printError("warning: \(input): \($0)") }
        console.print("\(input) → \(output): \(report.format), \(report.size.width)×\(report.size.height), \(report.bytes) bytes")
    }
}
