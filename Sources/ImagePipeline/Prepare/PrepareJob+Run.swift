public import ImageCodecs
import ImageCore
import ImageOps

extension PrepareJob {
    /// `retouch prepare`: reads `input`, prepares it, writes `output` encoded with
    /// `encoding` (with the input's ICC profile under `options.keepICC`); with
    /// `previewPath`, the whole upright source with the kept region outlined
    /// (`CropPreview`) as PNG; with `maskPath`,
    /// carries that mask through the same geometry and writes it to `maskOutput` (default
    /// `maskPath(for: output)`) in the convention it was read in.
    ///
    /// The size rules' and gravity's decisions are in the report, with the output's
    /// format, byte count and mask path.
    /// - Throws: `FileAccessError`, or `FileError` naming the input or the mask;
    ///   `PipelineError.outputCollision` when the mask's output is the image's output or
    ///   one of the inputs; `.outputExists` when the derived mask path exists (without
    ///   `maskOutput` or `overwrite`).
    public static func run(input: String, output: String, options: PrepareOptions, encoding: EncodingOptions,
                           maskPath: String? = nil, maskChannel: MaskImport.Channel? = nil, maskOutput: String? = nil,
                           overwrite: Bool = false, previewPath: String? = nil) throws -> PrepareReport {
        let maskDestination = maskPath.map { _ in maskOutput ?? Self.maskPath(for: output) }
        // The preview and the mask output never replace -o or an input, --overwrite or not.
        let taken: [OutputSafety.File] = [(output, "the image output (-o)"), (input, "the input image")] + (maskPath.map { [($0, "the input mask (--mask)")] } ?? [])
        if let previewPath {
            try OutputSafety.check(inputs: taken, outputs: [(previewPath, "the preview")], advice: "choose another --preview")
        }
        if let maskDestination {
            try OutputSafety.check(inputs: taken, outputs: [(maskDestination, "the mask output")],
                                   advice: maskOutput == nil ? "name the mask's output with --mask-out FILE" : "choose another --mask-out")
            if maskOutput == nil && !overwrite && FilePath.exists(maskDestination) {
                throw PipelineError.outputExists(path: maskDestination, what: "the mask output (derived from -o)",
                                                 advice: "name the mask's output with --mask-out FILE, or pass --overwrite")
            }
        }
        let bytes = try FileAccess.read(input)
        let metadata = try FileError.attributing(to: input) { try ImageCodec.readMetadata(bytes) }
        let plan = try FileError.attributing(to: input) { try Self.plan(metadata, options: options, withMask: maskPath != nil) }
        let maskInput = try maskPath.map { try MaskImport.read($0, channel: maskChannel) }
        if let maskPath, let mask = maskInput?.mask, mask.size != plan.uprightSize {
            throw FileError(path: maskPath, underlying: OperationError.sizeMismatch(
                what: "the mask", size: mask.size, expected: plan.uprightSize, of: "the upright image \(input)"))
        }
        let prepared = try FileError.attributing(to: input) {
            try execute(plan, bytes: bytes, options: options, mask: maskInput?.mask)
        }
        let embedding = encoding.embedding(iccProfile: options.keepICC ? metadata.iccProfile : nil)
        let encoded = try FileError.attributing(to: output) { try ImageCodec.encode(prepared.pixels, options: embedding) }
        try FileAccess.write(encoded, to: output)
        if let previewPath {
            let decoded = try FileError.attributing(to: input) {
                try ImageCodec.decode(bytes, options: DecodingOptions(animation: .firstFrame, colour: options.keepICC ? .keepOriginal : .convertToSRGB))
            }
            let source = options.orient ? decoded.upright() : decoded.pixels
            let report = prepared.report
            let kept = report.crop ?? report.pad.map { PixelRect(x: -$0.left, y: -$0.top, width: source.width + $0.left + $0.right, height: source.height + $0.top + $0.bottom) }
                ?? PixelRect(size: source.size)
            try FileAccess.write(try ImageCodec.encode(CropPreview.render(source, kept: kept), options: .png(.default)), to: previewPath)
        }
        var report = prepared.report
        report.outputFormat = encoding.format
        report.outputBytes = encoded.count
        if let outputMask = prepared.mask, let convention = maskInput?.convention, let path = maskDestination {
            let image = convention.image(from: outputMask)
            try FileAccess.write(try ImageCodec.encode(image, options: .png(PNGEncodingOptions(reduceChannels: convention == .white))), to: path)
            report.maskPath = path
        }
        return report
    }

    /// `out/photo.png` → `out/photo-mask.png`.
    public static func maskPath(for output: String) -> String {
        FilePath.deletingExtension(of: output) + "-mask.png"
    }
}
