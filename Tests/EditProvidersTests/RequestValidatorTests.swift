import EditProviders
import ImageCodecs
import ImageCore
import ImageOps
import ImagePipeline
import Testing
import TestSupport

@Suite struct RequestValidatorTests {
    static let png = try! ImageCodec.encode(SyntheticImages.gradient(width: 64, height: 48), options: .png(.default))
    static let jpeg = try! ImageCodec.encode(SyntheticImages.gradient(width: 64, height: 48), options: .jpeg(.default))
    static let openaiMask = try! MaskJob.encode(Mask(width: 64, height: 48, fill: 255), rules: MaskRules(convention: .openai))
    static let greyMask = try! MaskJob.encode(Mask(width: 64, height: 48, fill: 255), rules: MaskRules(convention: .white))
    static let smallMask = try! MaskJob.encode(Mask(width: 32, height: 24, fill: 255), rules: MaskRules(convention: .openai))

    static func request(_ change: (inout EditRequest) throws -> Void = { _ in }) throws -> EditRequest {
        var request = EditRequest(image: try EditImage(filename: "a.png", bytes: png), mask: try EditImage(filename: "mask.png", bytes: openaiMask),
                                  prompt: "make it blue", settings: EditSettings(model: "gpt-image-2"))
        try change(&request)
        return request
    }

    @Test func aPlainRequestPasses() throws {
        try RequestValidator.validate(try Self.request(), profile: try ModelCatalog.profile(for: "gpt-image-2"))
    }

    /// Each row: the model, what is changed, the parameter the refusal must name.
    @Test(arguments: [
        ("gpt-image-2", "empty prompt", "prompt"),
        ("gpt-image-2", "long prompt", "prompt"),
        ("gpt-image-2", "prompt not UTF-8", "prompt"),
        ("gpt-image-2", "17 images", "image"),
        ("gpt-image-2", "JPEG mask", "mask"),
        ("gpt-image-2", "mask without alpha", "mask"),
        ("gpt-image-2", "mask of another size", "mask"),
        ("gpt-image-2", "size 1000x1000", "size"),
        ("gpt-image-1.5", "size 1024x768", "size"),
        ("gpt-image-2", "compression with png", "output_compression"),
        ("gpt-image-2", "compression 101", "output_compression"),
        ("gpt-image-2", "transparent on gpt-image-2", "background"),
        ("gpt-image-1.5", "transparent jpeg", "background"),
        ("gpt-image-2", "input_fidelity on gpt-image-2", "input_fidelity"),
        ("gpt-image-1-mini", "input_fidelity high on mini", "input_fidelity"),
        ("gpt-image-2", "n 11", "n"),
        ("gpt-image-2", "quality xhigh", "quality"),
        ("flux-kontext-pro", "mask on kontext", "mask"),
        ("gpt-image-1.5", "webp quality max", "quality"),
    ])
    func everyRuleRefusesNamingItsParameter(model: String, change: String, parameter: String) throws {
        let profile = try ModelCatalog.profile(for: model)
        let request = try Self.request { r in
            r.settings.model = model
            switch change {
            case "empty prompt": r.prompt = "  "
            case "long prompt": r.prompt = String(repeating: "a", count: 32_001)
            case "prompt not UTF-8": r.prompt = FilePath.string(fromBytes: Array("caf".utf8) + [0xE9] + Array(" au lait".utf8))
            case "17 images": r.references = try (0..<16).map { _ in try EditImage(filename: "r.png", bytes: Self.png) }
            case "JPEG mask": r.mask = try EditImage(filename: "mask.jpg", bytes: Self.jpeg)
            case "mask without alpha": r.mask = try EditImage(filename: "mask.png", bytes: Self.greyMask)
            case "mask of another size": r.mask = try EditImage(filename: "mask.png", bytes: Self.smallMask)
            case "size 1000x1000": r.settings.size = .exact(PixelSize(width: 1000, height: 1000))
            case "size 1024x768": r.settings.size = .exact(PixelSize(width: 1024, height: 768))
            case "compression with png": r.settings.outputCompression = 80
            case "compression 101": r.settings.outputFormat = .jpeg; r.settings.outputCompression = 101
            case "transparent on gpt-image-2": r.settings.background = .transparent
            case "transparent jpeg": r.settings.background = .transparent; r.settings.outputFormat = .jpeg
            case "input_fidelity on gpt-image-2": r.settings.inputFidelity = .low
            case "input_fidelity high on mini": r.settings.inputFidelity = .high
            case "n 11": r.settings.count = 11
            case "quality xhigh": r.settings.quality = .xhigh
            case "mask on kontext": break
            case "webp quality max": r.settings.outputFormat = .webp; r.settings.quality = .max
            default: Issue.record("unknown change \(change)")
            }
        }
        do {
            try RequestValidator.validate(request, profile: profile)
            Issue.record("\(change): accepted")
        } catch let error {
            guard case .invalidRequest(let named, _, let rule) = error else { Issue.record("\(error)"); return }
            #expect(named == parameter, "\(change): \(error)")
            #expect(!rule.isEmpty)
        }
    }

    @Test func invariantsAreAppendedOnceEach() throws {
        let request = try Self.request { $0.invariants = [.face, .onlyMask, .face] }
        #expect(request.finalPrompt == "make it blue. " + Invariant.face.sentence + " " + Invariant.onlyMask.sentence)
        #expect(PromptBuilder.prompt("Fix the sky!", invariants: [.noNewText]) == "Fix the sky! " + Invariant.noNewText.sentence)
        #expect(PromptBuilder.prompt("plain", invariants: []) == "plain")
    }
}
