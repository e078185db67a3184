import EditProviders
import ImageCodecs
import ImageCore
import Testing
import TestSupport

@Suite struct CostModelTests {
    /// Spec §3.2's table for gpt-image-2 (the calculator's numbers).
    @Test(arguments: [
        (1024, 1024, EditQuality.low, 196), (1024, 1024, .medium, 1756), (1024, 1024, .high, 7024),
        (1536, 1024, .high, 5488), (1024, 1536, .low, 158), (1536, 864, .medium, 1078), (1280, 720, .high, 3787),
        (2048, 2048, .high, 14272), (2048, 1152, .low, 157), (2560, 1440, .medium, 1843), (3840, 2160, .high, 13342),
        (2160, 3840, .low, 371),
    ])
    func gptImage2OutputTokensMatchTheCalculator(width: Int, height: Int, quality: EditQuality, tokens: Int) {
        #expect(OutputPricing.gptImage2Formula(dollarsPerMillion: 30).outputTokens(size: PixelSize(width: width, height: height), quality: quality) == tokens)
    }

    static func request(model: String, quality: EditQuality?, size: EditSize?, count: Int? = nil) throws -> EditRequest {
        let png = try ImageCodec.encode(SyntheticImages.gradient(width: 64, height: 64), options: .png(.default))
        return EditRequest(image: try EditImage(filename: "a.png", bytes: png), prompt: "make it blue",
                           settings: EditSettings(model: model, quality: quality, size: size, count: count))
    }

    @Test func gptImage2HighSquareIs21Cents() throws {
        let profile = try ModelCatalog.profile(for: "gpt-image-2")
        let estimate = CostModel.estimate(try Self.request(model: "gpt-image-2", quality: .high, size: .exact(PixelSize(width: 1024, height: 1024))), profile: profile)
        #expect(estimate.outputTokensPerImage == 7024)
        #expect(CostEstimate.dollars(try #require(estimate.outputPerImage)) == "0.211")
    }

    @Test func autoSettingsGiveARange() throws {
        let profile = try ModelCatalog.profile(for: "gpt-image-1.5")
        let estimate = CostModel.estimate(try Self.request(model: "gpt-image-1.5", quality: .auto, size: nil, count: 2), profile: profile)
        #expect(estimate.outputPerImage == nil)
        // 272 tokens (low 1024²) to 6240 (high 1024×1536) at $32/M, twice.
        let low = try #require(estimate.low), high = try #require(estimate.high)
        let expectedLow: Double = 2 * 272 * 32 / 1_000_000, expectedHigh: Double = 2 * 6240 * 32 / 1_000_000
        #expect(abs(low - expectedLow) < 0.001)
        #expect(abs(high - expectedHigh) < 0.001)
        #expect(estimate.notes.contains { $0.contains("quality auto") })
    }

    @Test func actualCostComesFromUsage() throws {
        let profile = try ModelCatalog.profile(for: "gpt-image-2")
        let cost = try #require(CostModel.actual(EditUsage(inputTokens: 300, textInputTokens: 50, imageInputTokens: 250, outputTokens: 7024), profile: profile))
        let expected: Double = (7024 * 30 + 50 * 5 + 250 * 8) / 1_000_000
        #expect(abs(cost - expected) < 1e-9)
    }

    @Test func dollarsPrintToTheTenthOfACent() {
        #expect(CostEstimate.dollars(0.21072) == "0.211")
        #expect(CostEstimate.dollars(0.04) == "0.04")
        #expect(CostEstimate.dollars(0.2) == "0.20")
        #expect(CostEstimate.dollars(1.5) == "1.50")
        #expect(CostEstimate.dollars(0.0059) == "0.006")
    }
}
