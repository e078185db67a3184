import ArgumentParser
import ImageCodecs
import ImageCore

/// Encoding flags shared by commands that write images.
struct OutputFormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: png, jpeg or webp (default: from the output's extension).")
    var format: ImageFormat?

    @Option(name: .long, help: "JPEG quality 1…100 (default 90) or WebP quality 0…100 (default 90).")
    var quality: Int?

    @Flag(name: .long, help: "WebP only: encode losslessly (keeps RGB under transparent pixels).")
    var lossless = false

    @Option(name: .long, help: "PNG only: adaptive row filters at deflate level 0…12 (12 is smallest and slowest). Default: the fast preset (up filter, level 1).")
    var compression: Int?

    @Flag(name: .customLong("chroma-444"), help: "JPEG only: 4:4:4 chroma (no subsampling) instead of 4:2:0.")
    var chroma444 = false

    @Flag(name: .long, help: "JPEG only: write a progressive JPEG.")
    var progressive = false

    @Option(name: .long, help: "JPEG only: colour to composite transparency onto, #RRGGBB (default #ffffff).")
    var background: String?

    /// Checks flag combinations that do not depend on the output path.
    func validate() throws {
        if let quality, !(0...100).contains(quality) {
            throw ValidationError("--quality \(quality) is out of range: expected 1…100 for JPEG, 0…100 for WebP")
        }
        if let compression, !(0...12).contains(compression) {
            throw ValidationError("--compression \(compression) is out of range: expected 0…12")
        }
        if let background, RGB8(hex: background) == nil {
            throw ValidationError("--background \(background) is not a colour: expected #RRGGBB")
        }
    }

    /// The output format: `--format`, else the extension of `path`.
    func resolvedFormat(for path: String) throws(CLIError) -> ImageFormat {
        if let format { return format }
        let ext = path.split(separator: "/").last.flatMap { name in
            name.contains(".") ? name.split(separator: ".").last.map(String.init) : nil
        }
        guard let ext, let format = ImageFormat(fileExtension: ext) else {
            throw .usage("cannot tell the output format from \(path): use --format png|jpeg|webp or a .png/.jpg/.webp name")
        }
        return format
    }

    /// Encoder settings for `format` (no ICC profile), or a usage error for flags that do
    /// not apply.
    func encodingOptions(for format: ImageFormat) throws(CLIError) -> EncodingOptions {
        switch format {
        case .png:
            if quality != nil { throw .usage("--quality does not apply to PNG (lossless); use --compression 0…12") }
            try reject(lossless, "--lossless", format)
            try reject(chroma444, "--chroma-444", format)
            try reject(progressive, "--progressive", format)
            if let compression { return .png(.level(compression)) }
            return .png(PNGEncodingOptions())
        case .jpeg:
            if let quality, quality < 1 { throw .usage("--quality 0 is out of range for JPEG: expected 1…100") }
            try reject(lossless, "--lossless", format)
            try reject(compression != nil, "--compression", format)
            return .jpeg(JPEGEncodingOptions(
                quality: quality ?? 90, chroma: chroma444 ? .yuv444 : .yuv420, progressive: progressive,
                background: background.flatMap(RGB8.init(hex:)) ?? .white))
        case .webp:
            try reject(compression != nil, "--compression", format)
            try reject(chroma444, "--chroma-444", format)
            try reject(progressive, "--progressive", format)
            return .webp(WebPEncodingOptions(quality: quality ?? 90, lossless: lossless))
        }
    }

    private func reject(_ isSet: Bool, _ flag: String, _ format: ImageFormat) throws(CLIError) {
        if isSet { throw .usage("\(flag) does not apply to \(format.rawValue.uppercased()) output") }
    }
}
