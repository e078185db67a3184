import ImageCodecs
import ImageCore
import ImageOps

/// `retouch cutout`: the studio backdrop of an image becomes a real alpha channel, then
/// the cut-out is finished (trim, pad, canvas, fill) and written.
public enum CutoutJob {
    /// Cuts out `options.inputPath` and writes the result (and the matte, if asked).
    ///
    /// - Throws: `FileAccessError`; `FileError` naming the input (undecodable, nothing to
    ///   trim to, not a plain backdrop under `strict`: nothing is written then) or the
    ///   output (a format that cannot hold the alpha).
    public static func run(_ options: CutoutJobOptions) throws -> CutoutJobReport {
        if options.format == .jpeg && options.finish.keepsAlpha {
            throw FileError(path: options.outputPath, underlying: PipelineError.formatCannotHold(
                format: "JPEG", what: "alpha channel", advice: "write PNG or WebP, or add --fill-background #RRGGBB"))
        }
        var (result, report) = try cutOut(options)
        if options.strict && !report.warnings.isEmpty {
            throw FileError(path: options.inputPath, underlying: PipelineError.notPlainBackdrop(reasons: report.warnings))
        }
        if let debugMatte = options.debugMattePath {
            try FileAccess.write(try ImageCodec.encode(MattePicture.render(result), options: .png(.default)), to: debugMatte)
        }
        if let alphaOut = options.alphaOutPath {
            try FileAccess.write(try ImageCodec.encode(Mask(alphaOf: result).grayBuffer, options: .png(.default)), to: alphaOut)
        }
        do { result = try options.finish.apply(consume result) } catch {
            throw FileError(path: options.inputPath, underlying: error)
        }
        let size = result.size
        let encoding: EncodingOptions = switch options.format {
        case .png: .png(PNGEncodingOptions())
        case .webp: .webp(WebPEncodingOptions(quality: 100, lossless: true))
        case .jpeg: .jpeg(JPEGEncodingOptions(quality: 92))
        }
        let encoded = try ImageCodec.encode(consume result, options: encoding)
        try FileAccess.write(encoded, to: options.outputPath)
        return CutoutJobReport(output: options.outputPath, size: size, cutout: report, shadows: options.cutout.shadows)
    }

    /// Reads, decodes and cuts out the input; the decoded image is released on return,
    /// before the result is encoded.
    static func cutOut(_ options: CutoutJobOptions) throws -> (PixelBuffer, CutoutReport) {
        let bytes = try FileAccess.read(options.inputPath)
        return try FileError.attributing(to: options.inputPath) {
            let metadata = try ImageCodec.readMetadata(bytes)
            let image = try ImageCodec.decode(bytes, options: DecodingOptions(animation: .firstFrame)).upright()
            var settings = options.cutout
            settings.lossyInput = metadata.format == .jpeg || (metadata.format == .webp && metadata.compression == "lossy")
            return Cutout.apply(consume image, options: settings)
        }
    }
}
