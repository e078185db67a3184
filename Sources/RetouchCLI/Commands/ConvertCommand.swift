import ArgumentParser
import ImageCodecs

extension RootCommand {
    /// `retouch convert IN -o OUT`: decode, orient upright, encode.
    struct Convert: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert between PNG, JPEG and WebP, upright and with metadata stripped.",
            discussion: "The EXIF orientation is applied unless --no-orient is given, so the output needs no orientation tag. Metadata is stripped; --keep-icc re-embeds the ICC profile.")

        @Argument(help: "Input image (PNG, JPEG or WebP).")
        var input: String

        @Option(name: .shortAndLong, help: "Output file.")
        var output: String

        @OptionGroup var encoding: OutputFormatOptions

        @Flag(name: .long, help: "Keep the stored orientation (do not apply EXIF orientation).")
        var noOrient = false

        @Flag(name: .long, help: "Re-embed the input's ICC profile in the output.")
        var keepIcc = false

        @Flag(name: .long, help: "Decode the first frame of an animated input instead of failing.")
        var firstFrame = false

        @Flag(name: .long, help: "Accept a truncated JPEG (missing part filled grey) with a warning.")
        var lenient = false

        func run() async throws {
            let console = Console.current
            let bytes = try FileAccess.read(input)
            let format = try encoding.resolvedFormat(for: output)
            do {
                let decoded = try ImageCodec.decode(bytes, options: DecodingOptions(
                    lenient: lenient, animation: firstFrame ? .firstFrame : .reject))
                decoded.warnings.forEach { console.printError("warning: \(input): \($0)") }
                let options = try encoding.encodingOptions(for: format, iccProfile: keepIcc ? decoded.metadata.iccProfile : nil)
                // Handed over, not shared: the PNG encoder then filters in the pixels' storage.
                let pixels = noOrient ? (consume decoded).pixels : (consume decoded).upright()
                let size = pixels.size
                let encoded = try ImageCodec.encode(consume pixels, options: options)
                try FileAccess.write(encoded, to: output)
                console.print("\(input) → \(output): \(format), \(size.width)×\(size.height), \(encoded.count) bytes")
            } catch {
                throw ErrorReporting.exit(error, file: input)
            }
        }
    }
}
