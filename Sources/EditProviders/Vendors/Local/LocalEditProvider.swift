import ImageCodecs
import ImageCore
import ImageOps
import ImagePipeline

/// The offline provider, deterministic and free, for the demo, tests and edits that need
/// no model: "inpaint"/"remove …" fills the masked area from its surroundings (the mean
/// of the biharmonic and the harmonic fill, `BiharmonicFill`; the harmonic alone for
/// areas too large to factorise); "background #RRGGBB" replaces a plain backdrop through the
/// cutout. Any other prompt is refused (`LocalAction`).
public struct LocalEditProvider: EditProvider {
    public let id = "local"
    public var models: [ModelProfile] { ModelCatalog.models(of: "local") }

    public init() {}

    /// - Throws: `EditProviderError.invalidRequest` for a prompt it cannot follow or a fill
    ///   without a mask; `.invalidResponse` when the inputs do not decode.
    public func edit(_ request: EditRequest) async throws -> EditResult {
        let clock = ContinuousClock(), start = clock.now
        let action = try LocalAction(prompt: request.prompt)
        let image: PixelBuffer
        do { image = try ImageCodec.decode(request.image.bytes).pixels } catch {
            throw EditProviderError.invalidResponse("the local provider could not read its input: \(error)")
        }
        let result: PixelBuffer
        switch action {
        case .fill:
            guard let maskFile = request.mask else {
                throw EditProviderError.invalidRequest(parameter: "mask", value: "none", rule: "the local provider fills a masked area: give --mask")
            }
            let maskImage: PixelBuffer
            do { maskImage = try ImageCodec.decode(maskFile.bytes, options: DecodingOptions(keepGray: true, colour: .keepOriginal)).pixels } catch {
                throw EditProviderError.invalidResponse("the local provider could not read the mask: \(error)")
            }
            result = BiharmonicFill.fill(image, region: MaskConvention.detect(maskImage).mask(from: maskImage), membraneWeight: 0.5)
        case .background(let colour):
            // The subject's alpha from the estimated backdrop, then the new colour behind it.
            result = Cutout.apply(image).image.converted(to: .rgba8).composited(over: colour)
        }
        do {
            let encoded = try ImageCodec.encode(result, options: .png(.default))
            return EditResult(images: Array(repeating: encoded, count: request.settings.count ?? 1), actualCost: 0, duration: clock.now - start)
        } catch {
            throw EditProviderError.invalidResponse("the local provider could not encode its result: \(error)")
        }
    }
}
