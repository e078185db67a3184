import ImageCodecs
public import ImageCore
import ImageOps

/// `retouch mask`: a mask made by a `MaskRecipe` on a canvas (an image's upright size, a
/// size, or a mask file to start from), written in the provider's convention, with an
/// optional preview.
public enum MaskJob {
    /// Makes and writes the mask.
    ///
    /// - Throws: `FileAccessError`; `FileError` naming the file at fault (undecodable
    ///   image or mask, a start mask of the wrong size, a shape outside the canvas from a
    ///   shapes file, an output over the provider's byte limit); `OperationError` for a
    ///   shape given directly or no canvas size at all.
    public static func run(_ options: MaskJobOptions) throws -> MaskReport {
        var image: PixelBuffer?
        var canvas: PixelSize?
        if let like = options.likePath {
            let bytes = try FileAccess.read(like)
            try FileError.attributing(to: like) {
                if options.previewPath != nil {
                    image = try ImageCodec.decode(bytes, options: DecodingOptions(animation: .firstFrame)).upright()
                    canvas = image!.size
                } else {
                    // The size is in the header, but a truncated or damaged image is bad
                    // data here as everywhere (exit 65): decode it, a JPEG at 1/8 scale
                    // (every coefficient is still read; the IDCT is skipped).
                    // The metadata keeps the header's (full) size.
                    canvas = try ImageCodec.decode(bytes, options: DecodingOptions(
                        animation: .firstFrame, jpegScaleDenominator: 8, keepGray: true, keepRGB: true)).metadata.uprightSize
                }
            }
        }
        if let size = options.size { canvas = size }

        var base: Mask?
        if let from = options.fromPath {
            var read = try MaskImport.read(from, channel: options.fromChannel).mask
            if options.invertInput { read = read.inverted() }
            if let canvas, read.size != canvas {
                throw FileError(path: from, underlying: OperationError.sizeMismatch(
                    what: "the start mask", size: read.size, expected: canvas, of: "the canvas"))
            }
            canvas = read.size
            base = read
        }
        guard let canvas else {
            throw OperationError.invalidParameter(name: "mask size", value: "none", expected: "an image (--like), a size or a start mask")
        }

        var recipe = options.recipe
        if let shapesPath = options.shapesPath { recipe.shapes = try ShapesFile.read(shapesPath) + recipe.shapes }
        let mask: Mask
        var coverage: CoveragePlane?
        if let shapesPath = options.shapesPath {
            (mask, coverage) = try FileError.attributing(to: shapesPath) { try recipe.apply(size: canvas, base: base.take()) }
        } else {
            (mask, coverage) = try recipe.apply(size: canvas, base: base.take())
        }

        // Everything that reads the mask comes first, so the encoder can take it over.
        let statistics = MaskStatistics(mask)
        let overlay = options.previewPath.map { _ in MaskPreview.render(coverage ?? CoveragePlane(mask), over: image) }
        coverage = nil
        let encoded: [UInt8]
        do { encoded = try encode(consume mask, rules: options.rules) } catch {
            throw FileError(path: options.outputPath, underlying: error)
        }
        try FileAccess.write(encoded, to: options.outputPath)
        if let previewPath = options.previewPath, let overlay {
            try FileAccess.write(try ImageCodec.encode(overlay, options: .png(.default)), to: previewPath)
        }

        var warnings: [String] = []
        if statistics.selectsNothing { warnings.append("the mask selects nothing: an edit with it changes no pixel") }
        if statistics.selectsEverything { warnings.append("the mask selects everything: the whole image may change") }
        return MaskReport(output: options.outputPath, statistics: statistics, convention: options.rules.convention,
                          bytes: encoded.count, warnings: warnings)
    }

    /// The PNG of `mask` in the rules' convention (`openai`: RGBA, alpha 0 = edit;
    /// `white`: grey). One over the rules' byte limit is re-encoded at maximum
    /// compression, and refused if still too large.
    ///
    /// - Throws: `PipelineError.outputTooLarge`; `CodecError` from the encoder.
    public static func encode(_ mask: consuming Mask, rules: MaskRules) throws -> [UInt8] {
        let image = rules.convention.image(from: consume mask)
        guard rules.convention == .openai else {
            return try ImageCodec.encode(consume image, options: .png(PNGEncodingOptions(reduceChannels: true)))
        }
        var encoded = try ImageCodec.encode(consume image, options: .png(PNGEncodingOptions(reduceChannels: false)))
        if let limit = rules.maxBytes, encoded.count > limit {
            // The encoder filtered the picture in place: read it back from the PNG.
            let image = try ImageCodec.decode(encoded).pixels
            encoded = try ImageCodec.encode(image, options: .png(PNGEncodingOptions(compressionLevel: 12, filter: .adaptive, reduceChannels: false)))
            if encoded.count > limit {
                throw PipelineError.outputTooLarge(bytes: encoded.count, limit: limit, what: rules.limitName)
            }
        }
        return encoded
    }
}
