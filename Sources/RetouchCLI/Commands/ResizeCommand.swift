import ArgumentParser
import EditProviders
import ImageCodecs
import ImageCore
import ImageOps

extension RootCommand {
    /// `retouch resize IN -o OUT (--size WxH | --width W | --height H)`.
    struct Resize: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resample an image (upright) to a size; --width or --height alone keeps the ratio.")

        @Argument(help: "Input image.") var input: String
        @Option(name: .shortAndLong, help: "Output file.") var output: String
        @Option(name: .long, help: "Exact size WxH; the image is cropped centrally to that ratio first (never stretched).") var size: String?
        @Option(name: .long, help: "Width; the height follows the ratio.") var width: Int?
        @Option(name: .long, help: "Height; the width follows the ratio.") var height: Int?
        @Option(name: .long, help: "Filter: lanczos3, mitchell, catmull-rom, bilinear, box.") var filter: String = "lanczos3"
        @Flag(name: .long, help: "Resample in linear light.") var linear = false
        @Flag(name: .long, help: "Decode JPEGs at full size even when a DCT-scaled decode would do.") var noShrinkOnLoad = false
        @OptionGroup var encoding: OutputFormatOptions

        func validate() throws {
            if [size != nil, width != nil || height != nil].filter({ $0 }).count != 1 {
                throw ValidationError("give --size, or --width and/or --height")
            }
            if let size { _ = try GeometryArguments.size(size, flag: "--size") }
            if let width, width < 1 { throw ValidationError("--width must be at least 1") }
            if let height, height < 1 { throw ValidationError("--height must be at least 1") }
            if ResampleFilter(rawValue: filter) == nil { throw ValidationError("--filter \(filter): expected \(ResampleFilter.allCases.map(\.rawValue).joined(separator: ", "))") }
        }

        func run() async throws {
            let console = Console.current
            do {
                let bytes = try FileAccess.read(input)
                let upright = try ImageCodec.readMetadata(bytes).uprightSize
                let target: PixelSize
                if let size {
                    target = try GeometryArguments.size(size, flag: "--size")
                } else {
                    let w = width ?? max(1, Int((Double(height!) * Double(upright.width) / Double(upright.height)).rounded()))
                    let h = height ?? max(1, Int((Double(w) * Double(upright.height) / Double(upright.width)).rounded()))
                    target = PixelSize(width: w, height: h)
                }
                let format = try encoding.resolvedFormat(for: output)
                let options = try encoding.encodingOptions(for: format, iccProfile: nil)
                // --size crops centrally to its ratio; --width/--height keep the whole frame.
                let prepared = try ImagePreparer.prepare(bytes, request: PrepareRequest(
                    aspect: size != nil ? (target.width, target.height) : nil, target: .exact(target), fit: size != nil ? .crop : .stretch,
                    resample: ResampleOptions(filter: ResampleFilter(rawValue: filter)!, linearLight: linear), shrinkOnLoad: !noShrinkOnLoad))
                let encoded = try ImageCodec.encode(prepared.pixels, options: options)
                try FileAccess.write(encoded, to: output)
                console.print("\(input) → \(output): \(format), \(prepared.pixels.width)×\(prepared.pixels.height), \(encoded.count) bytes")
            } catch {
                throw ErrorReporting.exit(error, file: input)
            }
        }
    }
}
