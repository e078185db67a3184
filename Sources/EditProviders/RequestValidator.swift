import ImageCodecs

/// Checks a request against its model's profile before anything is sent. Every refusal
/// names the parameter, the value and the rule.
public enum RequestValidator {
    /// Supported input types, by content.
    static let mimeTypes = ["image/png", "image/jpeg", "image/webp"]

    /// - Throws: `EditProviderError.invalidRequest` for the first rule broken.
    public static func validate(_ request: EditRequest, profile: ModelProfile) throws(EditProviderError) {
        let settings = request.settings
        func refuse(_ parameter: String, _ value: String, _ rule: String) -> EditProviderError {
            .invalidRequest(parameter: parameter, value: value, rule: rule)
        }
        // Prompt.
        let prompt = request.finalPrompt
        if prompt.trimmingTrailingWhitespace.isEmpty { throw refuse("prompt", "\"\"", "a prompt is required") }
        if FilePath.hasRawBytes(prompt) {
            throw refuse("prompt", "with bytes that are not UTF-8", "a prompt is text: save it as UTF-8 (iconv -t UTF-8) and give it again")
        }
        if prompt.count > profile.maxPromptLength {
            throw refuse("prompt", "of \(prompt.count) characters (with the invariants)", "\(profile.id) takes at most \(profile.maxPromptLength)")
        }
        // The local provider follows only a few prompts (and a fill needs the mask).
        if profile.provider == "local" {
            if try LocalAction(prompt: request.prompt) == .fill && request.mask == nil {
                throw refuse("--mask", "none", "the local provider fills a masked area: give --mask")
            }
        }
        // Images: count, types, bytes.
        let images = request.images
        if images.count > profile.maxInputImages {
            throw refuse("image", "× \(images.count)", "\(profile.id) takes at most \(profile.maxInputImages) input image\(profile.maxInputImages == 1 ? "" : "s")")
        }
        for image in images {
            if image.bytes.count > profile.maxImageBytes {
                throw refuse("image", "\(image.filename) (\(image.bytes.count) bytes)", "\(profile.id) takes files under \(profile.maxImageBytes) bytes")
            }
        }
        // Mask: PNG with alpha (OpenAI) at the base image's exact size, within the byte limit.
        if let mask = request.mask {
            if !profile.acceptsMask { throw refuse("mask", mask.filename, "\(profile.id) takes no mask (describe the change in the prompt)") }
            if mask.format != .png { throw refuse("mask", "\(mask.filename) (\(mask.format.rawValue))", "the mask must be a PNG") }
            if profile.maskRules.convention == .openai && !mask.hasAlpha {
                throw refuse("mask", mask.filename, "an OpenAI mask needs an alpha channel (alpha 0 = edit); write it with retouch mask")
            }
            if mask.size != request.image.size {
                throw refuse("mask", "\(mask.filename) (\(mask.size.width)x\(mask.size.height))",
                             "it must have the image's size, \(request.image.size.width)x\(request.image.size.height) (--fit-mask resamples it)")
            }
            if mask.bytes.count > profile.maxMaskBytes {
                throw refuse("mask", "\(mask.filename) (\(mask.bytes.count) bytes)", "\(profile.id) takes masks under \(profile.maxMaskBytes) bytes")
            }
        }
        // Output size.
        if case .exact(let size) = settings.size {
            if !profile.acceptsSize { throw refuse("size", "\(size.width)x\(size.height)", "\(profile.id) takes no size: it follows the input's aspect") }
            let broken = profile.sizeRules.violations(of: size)
            if !broken.isEmpty { throw refuse("size", "\(size.width)x\(size.height)", broken.joined(separator: "; ")) }
        }
        // Settings the model knows.
        if let quality = settings.quality, !profile.qualities.contains(quality) {
            throw refuse("quality", quality.rawValue, profile.qualities.isEmpty ? "\(profile.id) takes no quality"
                         : "\(profile.id) takes \(profile.qualities.map(\.rawValue).joined(separator: ", "))")
        }
        let format = settings.outputFormat ?? .png
        if let requested = settings.outputFormat, !profile.outputFormats.contains(requested) {
            throw refuse("output_format", requested.rawValue, "\(profile.id) writes \(profile.outputFormats.map(\.rawValue).joined(separator: ", "))")
        }
        if let compression = settings.outputCompression {
            if !(0...100).contains(compression) { throw refuse("output_compression", "\(compression)", "expected 0…100") }
            if format == .png { throw refuse("output_compression", "\(compression)", "only with jpeg or webp output") }
        }
        if settings.background == .transparent {
            if !profile.transparency {
                throw refuse("background", "transparent", "\(profile.id) cannot return transparency; ask for a plain backdrop and run retouch cutout")
            }
            if format == .jpeg { throw refuse("background", "transparent", "needs png or webp output") }
        }
        if let fidelity = settings.inputFidelity {
            switch profile.inputFidelity {
            case .omit: throw refuse("input_fidelity", fidelity.rawValue, "\(profile.id) takes no input_fidelity (omit it)")
            case .lowOnly where fidelity != .low: throw refuse("input_fidelity", fidelity.rawValue, "\(profile.id) takes only low")
            default: break
            }
        }
        if let count = settings.count, !(1...10).contains(count) { throw refuse("n", "\(count)", "expected 1…10") }
        if let partials = settings.partialImages, !(0...3).contains(partials) { throw refuse("partial_images", "\(partials)", "expected 0…3") }
    }
}
