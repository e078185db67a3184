import ImageCodecs
import ImageCore
import ImageOps
import ImagePipeline

/// `retouch edit`: prepare the upload for the model, validate and price the request before
/// anything is sent, call the provider, map the answer back onto the source grid, put back
/// what the mask keeps, and measure the drift.
public enum EditJob {
    /// The request, its price and the geometry, from the files alone: nothing is sent.
    ///
    /// - Throws: `FileAccessError`; `FileError` naming the file at fault (undecodable, a
    ///   mask of another size without `fitMask`); `OperationError` for an impossible size;
    ///   `EditProviderError.invalidRequest` for a rule the model would refuse, or
    ///   `.overBudget` when the estimate is above `maxCost`.
    public static func plan(_ options: EditJobOptions) throws -> EditPlan {
        let clock = ContinuousClock(), start = clock.now
        let profile = options.profile
        let bytes = try FileAccess.read(options.sourcePath)
        let metadata = try FileError.attributing(to: options.sourcePath) { try ImageCodec.readMetadata(bytes) }
        let sourceSize = metadata.uprightSize
        let maskBytes = try options.maskPath.map { try FileAccess.read($0) }
        // The source and the mask are decoded side by side. The source is decoded once,
        // whole: the upload is made from it, and paste-back and the drift report need it
        // after the call. An opaque colour source stays RGB (paste-back, the comparisons
        // and the encoders then neither convert nor scan an alpha channel).
        let sourcePath = options.sourcePath, maskPath = options.maskPath ?? "mask", maskChannel = options.maskChannel
        let (decodedSource, decodedMask) = sideBySide({
            try FileError.attributing(to: sourcePath) { try ImageCodec.decode(bytes, options: DecodingOptions(animation: .firstFrame, keepRGB: true)) }
        }, maskBytes.map { maskBytes in { try MaskImport.read(bytes: maskBytes, path: maskPath, channel: maskChannel) } })
        let decoded = try decodedSource.get()
        let source = decoded.upright()
        var warnings = decoded.warnings

        // The mask on the source grid.
        var sourceMask: Mask?
        var maskResampled = false
        var maskConvention: MaskConvention?
        if let path = options.maskPath, let imported = try decodedMask?.get() {
            var mask = imported.mask
            maskConvention = imported.convention
            if mask.size != sourceSize {
                guard options.fitMask else {
                    throw FileError(path: path, underlying: OperationError.sizeMismatch(
                        what: "the mask", size: mask.size, expected: sourceSize, of: "the image \(options.sourcePath)",
                        advice: "pass --fit-mask to resample it"))
                }
                warnings.append("the mask was resampled from \(mask.width)x\(mask.height) to \(sourceSize.width)x\(sourceSize.height)")
                mask = Mask(resizing: mask, to: sourceSize)
                maskResampled = true
            }
            sourceMask = mask
        }

        // The upload: padded (never cropped, so the whole source comes back) to a size the
        // model accepts.
        var prepare = PrepareOptions(fit: .pad)
        prepare.shrinkOnLoad = false
        var sizeDecision = "the source's size (\(sourceSize.width)x\(sourceSize.height))"
        if profile.provider != "local" {
            prepare.sizeRules = profile.sizeRules
            prepare.sizeRulesName = profile.id
            switch options.size {
            case .exact(let size): prepare.target = .exact(size)
            case .tier(let edge): prepare.target = .tier(edge)
            case .auto, nil: break
            }
        }
        let prepared = try FileError.attributing(to: options.sourcePath) {
            try PrepareJob.execute(PrepareJob.plan(metadata, options: prepare, withMask: sourceMask != nil), decoded: source, options: prepare, mask: sourceMask)
        }
        warnings += prepared.report.warnings
        let upload = prepared.report.outputSize
        if profile.provider != "local" {
            sizeDecision = "\(upload.width)x\(upload.height): \(describe(options.size)) fitted to \(profile.id)'s rules from \(sourceSize.width)x\(sourceSize.height)"
                + (prepared.report.pad != nil ? ", padded to the ratio" : "")
        }
        let base = options.uploadName ?? sourceName(options.sourcePath)
        if prepared.mask != nil && !profile.acceptsMask {
            warnings.append("\(profile.id) takes no mask: the mask is used for paste-back only, describe the change in the prompt")
        }
        // The upload and the mask are encoded side by side (two independent PNG encodes).
        // A file that already is what would be sent is sent as it is: the source when it
        // is a clean 8-bit PNG at the upload size (upright, sRGB, carrying no EXIF, XMP,
        // C2PA, ICC or text chunk), the mask when it is such a PNG with an alpha channel
        // read as the OpenAI mask (so the model reads the same alpha) at that size.
        let uploadMask = profile.acceptsMask ? prepared.mask : nil
        let unchangedGeometry = upload == sourceSize && prepared.report.pad == nil && prepared.report.crop == nil
        let passThrough = unchangedGeometry && isClean(metadata) && decoded.colourConversion == nil && bytes.count <= profile.maxImageBytes
        let unchangedMask: [UInt8]? = {
            guard let maskBytes, uploadMask != nil, unchangedGeometry, !maskResampled, profile.maskRules.convention == .openai,
                  maskConvention == .openai, let maskMetadata = try? ImageCodec.readMetadata(maskBytes),
                  isClean(maskMetadata), maskMetadata.colorType == "rgba", maskBytes.count <= (profile.maskRules.maxBytes ?? Int.max) else { return nil }
            return maskBytes
        }()
        let pixels = prepared.pixels, maskRules = profile.maskRules
        let (imageBytes, uploadMaskBytes) = sideBySide({
            passThrough ? bytes : try ImageCodec.encode(pixels, options: .png(.default))
        }, uploadMask.map { uploadMask in { try unchangedMask ?? MaskJob.encode(uploadMask, rules: maskRules) } })
        let image = try EditImage(filename: base + ".png", bytes: try imageBytes.get())
        var maskFile: EditImage?
        if let uploadMaskBytes {
            maskFile = try FileError.attributing(to: options.maskPath ?? "mask") { try EditImage(filename: "mask.png", bytes: try uploadMaskBytes.get()) }
        }
        var references: [EditImage] = []
        for path in options.referencePaths {
            let referenceBytes = try FileAccess.read(path)
            references.append(try FileError.attributing(to: path) { try EditImage(filename: FilePath.lastComponent(of: path), bytes: referenceBytes) })
        }

        var size: EditSize?
        if profile.acceptsSize && profile.provider != "local" { size = options.size == .auto ? .auto : .exact(upload) }
        var settings = options.settings
        settings.model = profile.id
        settings.size = size
        let request = EditRequest(image: image, references: references, mask: maskFile, prompt: options.prompt,
                                  invariants: options.invariants, settings: settings, previousResponseID: options.previousResponseID)
        try RequestValidator.validate(request, profile: profile)
        let estimate = CostModel.estimate(request, profile: profile)
        if let limit = options.maxCost {
            guard let high = estimate.high else {
                throw EditProviderError.invalidRequest(parameter: "--max-cost", value: CostEstimate.dollars(limit), rule: "\(profile.id) cannot be priced before the call")
            }
            if high > limit { throw EditProviderError.overBudget(estimate: high, limit: limit) }
        }
        return EditPlan(request: request, estimate: estimate, transform: prepared.report.transform, source: source, sourceSize: sourceSize,
                        sourceMask: sourceMask, sizeDecision: sizeDecision, warnings: warnings, seconds: (clock.now - start).inSeconds)
    }

    /// Calls `provider` with the plan's request and writes the result.
    ///
    /// - Throws: `EditProviderError` from the provider; `FileError` when its answer does
    ///   not decode; `FileAccessError` for the output.
    public static func run(_ plan: EditPlan, options: EditJobOptions, provider: any EditProvider) async throws -> EditReport {
        let clock = ContinuousClock()
        var mark = clock.now
        func lap() -> Double { let now = clock.now; defer { mark = now }; return (now - mark).inSeconds }
        let result = try await provider.edit(plan.request)
        let providerTime = lap()
        guard let first = result.images.first else { throw EditProviderError.invalidResponse("no image in the answer") }
        let edited = try FileError.attributing(to: "\(provider.id) result") { try ImageCodec.decode(first, options: DecodingOptions(keepRGB: true)).pixels }
        let source = plan.source
        let decodeTime = lap()
        // Before paste-back: the result on the source grid (the source where the model saw nothing).
        let unpasted: PixelBuffer
        var output = edited
        var pasted: String?
        var warnings = plan.warnings
        if options.pasteBack, let mask = plan.sourceMask {
            (unpasted, output) = PasteBack.both(source: source, result: edited, transform: plan.transform, mask: mask, blend: options.blend)
            pasted = options.blend.rawValue
        } else {
            unpasted = PasteBack.unpasted(source: source, result: edited, transform: plan.transform)
            if options.pasteBack { warnings.append("no mask: the whole result is kept, on the model's grid") }
        }
        let pasteTime = lap()
        // The two comparisons and the output's encoding run side by side; the drift report
        // reads regions, not shifts, so no alignment search (and no SSIM or pixelmatch).
        let mask = plan.sourceMask, finished = output
        let format = ImageFormat(fileExtension: FilePath.pathExtension(of: options.outputPath)) ?? .png
        let size = output.size, outputPath = options.outputPath
        async let encodedOutput = FileError.attributing(to: outputPath) { try ImageCodec.encode(finished, options: .default(for: format)) }
        async let before = EditDrift.Regions(ImageComparison.compare(source, unpasted, mask: mask, options: .drift))
        async let after = pasted == nil ? nil : EditDrift.Regions(ImageComparison.compare(source, finished, mask: mask, options: .drift))
        let drift = EditDrift(beforePasteBack: await before, afterPasteBack: await after)
        let driftTime = lap()
        try FileAccess.write(try await encodedOutput, to: outputPath)
        let writeTime = lap()
        let actual = result.actualCost ?? result.usage.flatMap { CostModel.actual($0, profile: options.profile) }
        return EditReport(
            output: options.outputPath, provider: provider.id, model: options.profile.id, prompt: plan.request.finalPrompt,
            requestedSize: plan.request.settings.size?.description, outputSize: size, estimate: plan.estimate, actualCost: actual,
            usage: result.usage, requestID: result.requestID, responseID: result.responseID, revisedPrompt: result.revisedPrompt,
            pasteBack: pasted, drift: drift, seconds: result.duration.inSeconds,
            attempts: result.attempts, warnings: warnings,
            timings: EditTimings(plan: plan.seconds, provider: providerTime, decode: decodeTime, pasteBack: pasteTime, drift: driftTime, write: writeTime))
    }

    /// `first` and, when given, `second`, run side by side on two threads; their results,
    /// errors included.
    static func sideBySide<A: Sendable, B: Sendable>(_ first: @Sendable () throws -> A,
                                                     _ second: (@Sendable () throws -> B)?) -> (Result<A, any Error>, Result<B, any Error>?) {
        guard let second else { return (Result { try first() }, nil) }
        let (a, b) = SideBySide.run({ Result { try first() } }, { Result { try second() } })
        return (a, b)
    }

    /// Whether a file can be sent as it is: an 8-bit still PNG, upright, carrying no
    /// EXIF, XMP, C2PA, ICC profile or text chunk.
    static func isClean(_ metadata: ImageMetadata) -> Bool {
        metadata.format == .png && metadata.bitDepth == 8 && !metadata.isAnimated && metadata.orientation == .identity
            && metadata.iccProfile == nil && !metadata.hasEXIF && !metadata.hasXMP && !metadata.hasC2PA && !metadata.hasTextChunks
    }

    /// `photos/shoe.jpg` → `shoe`.
    static func sourceName(_ path: String) -> String {
        FilePath.deletingExtension(of: FilePath.lastComponent(of: path))
    }

    static func describe(_ choice: EditSizeChoice?) -> String {
        switch choice {
        case .auto: "size auto (the upload at a long edge of min(source, 2048))"
        case .exact(let size): "\(size.width)x\(size.height) asked"
        case .tier(let edge): "tier \(edge == 1024 ? "1k" : edge == 2048 ? "2k" : "4k")"
        case nil: "a long edge of min(source, 2048)"
        }
    }
}
