#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ImagePipeline

/// `openai-responses`: `POST {base}/responses` with the `image_generation` tool forced
/// to edit (spec §2). The input image (and the mask) go as base64 data URLs; a previous
/// response id chains the rounds, and the new response id is returned for the next.
public struct OpenAIResponsesProvider: EditProvider {
    public let id = "openai-responses"
    public var models: [ModelProfile] { ModelCatalog.models(of: "openai") }

    public var apiKey: String
    public var baseURL: String
    public var call: ProviderCall
    /// The mainline model that calls the tool (the image model is the tool's `model`).
    public var mainlineModel: String

    public init(apiKey: String, baseURL: String, call: ProviderCall, mainlineModel: String = "gpt-5") {
        self.apiKey = apiKey
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.call = call
        self.mainlineModel = mainlineModel
    }

    /// The request body: `model`, `input` (the prompt and the images as data URLs; only
    /// the prompt when chaining), `tools` (the image model and its settings, the mask),
    /// `tool_choice`, and `previous_response_id` when chaining.
    static func body(_ request: EditRequest, mainlineModel: String) -> [UInt8] {
        func dataURL(_ image: EditImage) -> String { "data:\(image.mimeType);base64," + Data(image.bytes).base64EncodedString() }
        let s = request.settings
        var tool: [(String, JSONValue)] = [("type", .string("image_generation")), ("action", .string("edit")), ("model", .string(s.model))]
        if let quality = s.quality { tool.append(("quality", .string(quality.rawValue))) }
        if let size = s.size { tool.append(("size", .string(size.description))) }
        if let format = s.outputFormat { tool.append(("output_format", .string(format.rawValue))) }
        if let compression = s.outputCompression { tool.append(("output_compression", .int(compression))) }
        if let background = s.background { tool.append(("background", .string(background.rawValue))) }
        if let fidelity = s.inputFidelity { tool.append(("input_fidelity", .string(fidelity.rawValue))) }
        if let mask = request.mask { tool.append(("input_image_mask", .object([("image_url", .string(dataURL(mask)))]))) }
        var content: [JSONValue] = [.object([("type", .string("input_text")), ("text", .string(request.finalPrompt))])]
        for image in request.images {
            content.append(.object([("type", .string("input_image")), ("image_url", .string(dataURL(image))), ("detail", .string("auto"))]))
        }
        var members: [(String, JSONValue)] = [
            ("model", .string(mainlineModel)),
            ("input", .array([.object([("role", .string("user")), ("content", .array(content))])])),
            ("tools", .array([.object(tool)])),
            ("tool_choice", .object([("type", .string("image_generation"))])),
        ]
        if let previous = request.previousResponseID { members.append(("previous_response_id", .string(previous))) }
        return Array(JSONValue.object(members).rendered().utf8)
    }

    struct Response: Decodable {
        struct Item: Decodable {
            var type: String?
            var status: String?
            var result: String?
            var revised_prompt: String?
        }
        struct ToolUsage: Decodable { var image_gen: OpenAIImagesResponse.Usage? }
        var id: String?
        var output: [Item]?
        var tool_usage: ToolUsage?
    }

    public func edit(_ request: EditRequest) async throws -> EditResult {
        let clock = ContinuousClock(), start = clock.now
        let url = baseURL + "/responses"
        let body = Self.body(request, mainlineModel: mainlineModel)
        let headers = [("Authorization", "Bearer \(apiKey)"), ("Content-Type", "application/json"), ("Accept", "application/json"), ("User-Agent", "retouch/0.1.0")]
        let (response, attempts) = try await call.send { _ in HTTPRequestData(method: "POST", url: url, headers: headers, body: body) }
        guard (200..<300).contains(response.status) else { throw OpenAIErrorBody.error(for: response) }
        guard let decoded = try? JSONDecoder().decode(Response.self, from: Data(response.body)) else {
            throw EditProviderError.invalidResponse("not the JSON of a response: \(String(decoding: response.body.prefix(120), as: UTF8.self))")
        }
        let calls = (decoded.output ?? []).filter { $0.type == "image_generation_call" }
        let images = try calls.compactMap(\.result).map { text throws(EditProviderError) -> [UInt8] in
            try OpenAIImagesResponse.imageBytes(base64: text, what: "an image_generation_call result")
        }
        guard !images.isEmpty else {
            throw EditProviderError.invalidResponse("no image_generation_call with a result (status \(calls.first?.status ?? "none"))")
        }
        let usage = decoded.tool_usage?.image_gen?.editUsage
        let profile = try? ModelCatalog.profile(for: request.settings.model)
        return EditResult(images: images, usage: usage, actualCost: usage.flatMap { u in profile.flatMap { CostModel.actual(u, profile: $0) } },
                          requestID: response.header("x-request-id"), responseID: decoded.id, revisedPrompt: calls.first?.revised_prompt,
                          duration: clock.now - start, attempts: attempts)
    }
}
