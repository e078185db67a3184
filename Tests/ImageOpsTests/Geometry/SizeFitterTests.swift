import ImageCore
import ImageOps
import Testing
import TestSupport

@Suite struct SizeFitterTests {
    /// gpt-image-2's rules (spec §1.4; `ModelCatalogTests` checks the catalogue has them).
    static let gptImage2 = SizeRules.constrained(.init(
        edgeMultiple: 16, maxEdge: 3840, maxAspectRatio: 3, minPixels: 655_360, maxPixels: 8_294_400,
        experimentalAbovePixels: 2560 * 1440))
    /// The three standard sizes of gpt-image-1.5.
    static let gptImage15 = SizeRules.fixed([PixelSize(width: 1024, height: 1024), PixelSize(width: 1536, height: 1024), PixelSize(width: 1024, height: 1536)])

    // MARK: table tests from the issue

    @Test func camera4032x3024At2kIs2048x1536() throws {
        let plan = try SizeFitter.plan(source: PixelSize(width: 4032, height: 3024), rules: Self.gptImage2, target: FitTarget(tier: "2k")!, mode: .crop)
        #expect(plan.outputSize == PixelSize(width: 2048, height: 1536))
        #expect(plan.regionSize == PixelSize(width: 4032, height: 3024))
    }

    @Test func threeByTwoAt1kStaysWithinHalfAPercent() throws {
        let plan = try SizeFitter.plan(source: PixelSize(width: 3000, height: 2000), rules: Self.gptImage2, target: FitTarget(tier: "1k")!, mode: .crop)
        #expect(Self.gptImage2.violations(of: plan.outputSize).isEmpty)
        let ratio = Double(plan.outputSize.width) / Double(plan.outputSize.height)
        #expect(abs(ratio / 1.5 - 1) <= 0.005, "\(plan.outputSize)")
    }

    @Test func portraitPhoneAt4kIs2160x3840() throws {
        let plan = try SizeFitter.plan(source: PixelSize(width: 1080, height: 1920), rules: Self.gptImage2, target: FitTarget(tier: "4k")!, mode: .crop)
        #expect(plan.outputSize == PixelSize(width: 2160, height: 3840))
        #expect(plan.experimental)
    }

    @Test func panoramaIsAnErrorWhenCroppingAndPaddedTo3To1WhenPadding() throws {
        let source = PixelSize(width: 10000, height: 1000)
        #expect(throws: OperationError.self) {
            try SizeFitter.plan(source: source, rules: Self.gptImage2, target: FitTarget(tier: "1k")!, mode: .crop)
        }
        let plan = try SizeFitter.plan(source: source, rules: Self.gptImage2, target: FitTarget(tier: "1k")!, mode: .pad)
        #expect(Self.gptImage2.violations(of: plan.outputSize).isEmpty)
        #expect(plan.outputSize.width == 3 * plan.outputSize.height)
        #expect(plan.regionSize == PixelSize(width: 10000, height: 3333))
    }

    @Test func fixedSizeModelsPickTheNearestRatio() throws {
        let wide = try SizeFitter.plan(source: PixelSize(width: 4000, height: 2500), rules: Self.gptImage15, target: .tier(1024), mode: .crop)
        #expect(wide.outputSize == PixelSize(width: 1536, height: 1024))
        let square = try SizeFitter.plan(source: PixelSize(width: 900, height: 1000), rules: Self.gptImage15, target: .tier(1024), mode: .pad)
        #expect(square.outputSize == PixelSize(width: 1024, height: 1024))
        #expect(square.regionSize == PixelSize(width: 1000, height: 1000))
    }

    @Test func impossibleExactSizeNamesTheRuleAndNearestSizes() {
        let error = #expect(throws: OperationError.self) {
            try SizeFitter.plan(source: PixelSize(width: 2000, height: 2000), rules: Self.gptImage2, target: .exact(PixelSize(width: 1000, height: 1000)), mode: .crop)
        }
        guard case .sizeNotAllowed(_, let rule, let suggestions) = error else {
            Issue.record("expected sizeNotAllowed, got \(String(describing: error))")
            return
        }
        #expect(rule == "both edges must be multiples of 16")
        #expect(!suggestions.isEmpty)
        for size in suggestions { #expect(Self.gptImage2.violations(of: size).isEmpty, "\(size)") }
    }

    // MARK: property tests over random sizes and ratios

    static let randomSources: [PixelSize] = {
        var random = SplitMix64(seed: 2026)
        return (0..<300).map { _ in
            let long = Int.random(in: 200...9000, using: &random), short = Int.random(in: max(1, long / 3)...long, using: &random)
            return Int.random(in: 0...1, using: &random) == 0 ? PixelSize(width: long, height: short) : PixelSize(width: short, height: long)
        }
    }()

    @Test func everyFittedSizeSatisfiesEveryRule() throws {
        for source in Self.randomSources {
            for target in [FitTarget.tier(1024), .tier(2048), .tier(3840), .longEdge(1500)] {
                for rules in [Self.gptImage2, Self.gptImage15] {
                    let plan = try SizeFitter.plan(source: source, rules: rules, target: target, mode: .crop)
                    #expect(rules.violations(of: plan.outputSize).isEmpty, "\(source) \(target): \(plan.outputSize)")
                }
            }
        }
    }

    /// Brute force: no valid size whose long edge lies in the target window has a smaller
    /// ratio error than the one chosen. The window, from the rules alone: the 5 multiples
    /// of 16 at or below min(target, max edge, pixel cap); or, when even the largest of
    /// those has too few pixels, the 5 from the smallest long edge that has enough.
    @Test func fittedRatioErrorIsMinimalAtTheTarget() throws {
        guard case .constrained(let c) = Self.gptImage2 else { return }
        for source in Self.randomSources.prefix(150) {
            for requested in [1024, 2048, 1500, 3840] {
                let plan = try SizeFitter.plan(source: source, rules: Self.gptImage2, target: .longEdge(requested), mode: .crop)
                let ratio = Double(source.width) / Double(source.height)
                let longPerShort = max(ratio, 1 / ratio)
                let top = min(requested, c.maxEdge, Int((Double(c.maxPixels) * longPerShort).squareRoot())) / 16 * 16
                let floor = (Int((Double(c.minPixels) * longPerShort).squareRoot().rounded(.up)) + 15) / 16 * 16
                let window = top < floor ? floor...min(c.maxEdge, floor + 64) : max(16, top - 64)...top
                var best = Double.infinity
                for l in stride(from: window.lowerBound, through: window.upperBound, by: 16) {
                    for s in stride(from: 16, through: l, by: 16) {
                        let size = ratio >= 1 ? PixelSize(width: l, height: s) : PixelSize(width: s, height: l)
                        if Self.gptImage2.violations(of: size).isEmpty { best = min(best, SizeFitter.ratioError(size, ratio)) }
                    }
                }
                let chosen = SizeFitter.ratioError(plan.outputSize, ratio)
                #expect(window.contains(max(plan.outputSize.width, plan.outputSize.height)), "\(source) \(requested): \(plan.outputSize) outside \(window)")
                #expect(chosen <= best + 1e-12, "\(source) \(requested): chose \(plan.outputSize) error \(chosen), best \(best)")
            }
        }
    }

    @Test func cropAndPadNeverExceedWhatTheRatioNeeds() throws {
        for source in Self.randomSources {
            for mode in [FitMode.crop, .pad] {
                let plan = try SizeFitter.plan(source: source, rules: Self.gptImage2, target: .tier(2048), mode: mode)
                let out = plan.outputSize, region = plan.regionSize
                switch mode {
                case .crop:
                    #expect(region.width <= source.width && region.height <= source.height)
                    #expect(region.width == source.width || region.height == source.height)
                case .pad:
                    #expect(region.width >= source.width && region.height >= source.height)
                    #expect(region.width == source.width || region.height == source.height)
                case .stretch:
                    Issue.record("not iterated")
                }
                // The region's ratio is the output's, to within one pixel of rounding.
                let exactWidth = Double(region.height) * Double(out.width) / Double(out.height)
                let exactHeight = Double(region.width) * Double(out.height) / Double(out.width)
                #expect(abs(Double(region.width) - exactWidth) <= 1 || abs(Double(region.height) - exactHeight) <= 1)
            }
        }
    }

    @Test func fitTransformRoundTripsWithinHalfAPixel() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let rect = PixelRect(x: Int.random(in: -300...300, using: &random), y: Int.random(in: -300...300, using: &random), width: Int.random(in: 1...5000, using: &random), height: Int.random(in: 1...5000, using: &random))
            let transform = FitTransform(sourceRect: rect, outputSize: PixelSize(width: Int.random(in: 16...3840, using: &random), height: Int.random(in: 16...3840, using: &random)))
            let point = Point(x: Double(Int.random(in: 0...5000, using: &random)) + 0.5, y: Double(Int.random(in: 0...5000, using: &random)) + 0.5)
            let back = transform.sourcePoint(forOutput: transform.outputPoint(forSource: point))
            #expect(abs(back.x - point.x) <= 0.5 && abs(back.y - point.y) <= 0.5)
        }
    }
}
