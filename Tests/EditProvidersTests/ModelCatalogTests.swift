import EditProviders
import ImageCore
import ImageOps
import ImageCodecs
import ImagePipeline
import Testing
import TestSupport

@Suite struct ModelCatalogTests {
    @Test func retiredModelsNameTheirReplacement() {
        #expect(throws: EditProviderError.modelRetired("gpt-image-1", date: "2026-10-23", replacement: "gpt-image-2")) {
            try ModelCatalog.profile(for: "gpt-image-1")
        }
        #expect(throws: EditProviderError.modelRetired("dall-e-2", date: "2026-05-12", replacement: "gpt-image-2")) {
            try ModelCatalog.profile(for: "dall-e-2")
        }
        #expect((try? ModelCatalog.profile(for: "gpt-image-2-2026-04-21"))?.id == "gpt-image-2")
        #expect(throws: EditProviderError.self) { try ModelCatalog.profile(for: "gpt-image-9") }
    }

    /// Spec §1.4: edges multiples of 16, long edge ≤ 3840, ratio ≤ 3:1, 655,360–8,294,400
    /// pixels, experimental above 2560×1440.
    @Test func gptImage2HasTheSpecSizeRules() throws {
        let rules = try ModelCatalog.profile(for: "gpt-image-2").sizeRules
        #expect(rules == .constrained(.init(edgeMultiple: 16, maxEdge: 3840, maxAspectRatio: 3, minPixels: 655_360,
                                            maxPixels: 8_294_400, experimentalAbovePixels: 2560 * 1440)))
        #expect(rules.violations(of: PixelSize(width: 1024, height: 1024)).isEmpty)
        #expect(!rules.violations(of: PixelSize(width: 1000, height: 1000)).isEmpty)
    }

    /// OpenAI masks: alpha 0 = edit, at most 4 MB (spec §1.6).
    @Test func openAIModelsAskForAlphaMasksOfAtMostFourMegabytes() throws {
        let rules = try ModelCatalog.profile(for: ModelCatalog.defaultModelID).maskRules
        #expect(rules == MaskRules(convention: .openai, maxBytes: 4_000_000, limitName: "OpenAI masks"))
    }
}

@Suite struct ModelCatalogPrepareTests {
    /// Every model's rules, through `PrepareJob`, give a size the model accepts.
    @Test func everyModelOutputIsValidForItsModel() throws {
        let image = SyntheticImages.gradient(width: 1234, height: 567)
        let bytes = try ImageCodec.encode(image, options: .png(.default))
        for model in ["gpt-image-2", "gpt-image-1.5", "gpt-image-1-mini"] {
            let rules = try ModelCatalog.profile(for: model).sizeRules
            for fit in [FitMode.crop, .pad] {
                let prepared = try PrepareJob.prepare(bytes, options: PrepareOptions(sizeRules: rules, sizeRulesName: model, fit: fit))
                #expect(rules.violations(of: prepared.pixels.size).isEmpty, "\(model) \(fit): \(prepared.pixels.size)")
                #expect(prepared.report.sizeValid)
            }
        }
    }
}
