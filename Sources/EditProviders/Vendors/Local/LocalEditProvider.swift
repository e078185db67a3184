import ImageCodecs
import ImageCore
import ImageOps
import ImagePipeline

/// The offline provider: fills the masked area from its surroundings (a harmonic
/// membrane, `PoissonFill`), deterministic and free. It reads no prompt; it is what the
/// demo and tests use, and a way to remove something without a model.
public struct LocalEditProvider: EditProvider {
    public let id = "local"
    public var models: [ModelProfile] { ModelCatalog.models(of: "local") }

    public init() {}

    /// - Throws: `EditProviderError.invalidRequest` without a mask; `.invalidResponse`
    ///   when the inputs do not decode.
    public func edit(_ request: EditRequest) async throws -> EditResult {
        let clock = ContinuousClock(), start = clock.now
        guard let maskFile = request.mask else {
            throw EditProviderError.invalidRequest(parameter: "mask", value: "none", rule: "the local provider fills a masked area: give --mask")
        }
        do {
            let image = try ImageCodec.decode(request.image.bytes).pixels
            let maskImage = try ImageCodec.decode(maskFile.bytes, options: DecodingOptions(keepGray: true)).pixels
            let mask = MaskConvention.detect(maskImage).mask(from: maskImage)
            let filled = PoissonFill.fill(image, region: mask)
            let encoded = try ImageCodec.encode(filled, options: .png(.default))
            return EditResult(images: Array(repeating: encoded, count: request.settings.count ?? 1), actualCost: 0, duration: clock.now - start)
        } catch {
            throw EditProviderError.invalidResponse("the local provider could not read its input: \(error)")
        }
    }
}
