/// What `retouch edit --dry-run` shows: the call that would be made, field by field, the
/// final prompt, how the size was chosen and what it would cost. Nothing is sent.
public struct DryRunPlan: Sendable, Encodable {
    /// One field of the request body: a text value, or a file by name, type, pixel size
    /// and byte count.
    public struct Field: Sendable, Encodable {
        public var name: String
        public var value: String?
        public var filename: String?
        public var contentType: String?
        public var size: String?
        public var bytes: Int?
    }

    public var provider: String
    /// `POST https://…/images/edits (multipart/form-data)`, or what the provider does.
    public var endpoint: String
    public var fields: [Field]
    public var prompt: String
    public var sizeDecision: String
    public var estimate: CostEstimate
    public var warnings: [String]

    /// The plan for `plan` sent by `provider` at `baseURL`.
    public init(_ plan: EditPlan, provider: String, baseURL: String) {
        self.provider = provider
        prompt = plan.request.finalPrompt
        sizeDecision = plan.sizeDecision
        estimate = plan.estimate
        warnings = plan.warnings
        let request = plan.request
        func file(_ name: String, _ image: EditImage) -> Field {
            Field(name: name, filename: image.filename, contentType: image.mimeType, size: "\(image.size.width)x\(image.size.height)", bytes: image.bytes.count)
        }
        switch provider {
        case "openai":
            endpoint = "POST \(baseURL)\(OpenAIImagesRequest.path) (multipart/form-data)"
            // The file parts come in the order of the images, then the mask.
            var files = (request.images + (request.mask.map { [$0] } ?? [])).makeIterator()
            fields = OpenAIImagesRequest.parts(request).map { part in
                switch part {
                case .text(let name, let value): Field(name: name, value: value)
                case .file(let name, _, _, _): file(name, files.next()!)
                }
            }
        case "local":
            endpoint = "local fill of the masked area (no network, no cost)"
            fields = [file("image", request.image)] + (request.mask.map { [file("mask", $0)] } ?? [])
        case "flux-kontext":
            endpoint = "POST \(baseURL)/\(request.settings.model) (JSON, x-key), then GET the polling_url until Ready, then GET the result"
            fields = [Field(name: "prompt", value: request.finalPrompt)]
                + request.images.prefix(4).enumerated().map { file($0.offset == 0 ? "input_image" : "input_image_\($0.offset + 1)", $0.element) }
                + (request.settings.outputFormat.map { [Field(name: "output_format", value: $0.rawValue)] } ?? [])
        case "openai-responses":
            endpoint = "POST \(baseURL)/responses (JSON): the image_generation tool, action edit"
            let s = request.settings
            var tool = [Field(name: "tools[0].model", value: s.model)]
            if let quality = s.quality { tool.append(Field(name: "tools[0].quality", value: quality.rawValue)) }
            if let size = s.size { tool.append(Field(name: "tools[0].size", value: size.description)) }
            if let format = s.outputFormat { tool.append(Field(name: "tools[0].output_format", value: format.rawValue)) }
            if let background = s.background { tool.append(Field(name: "tools[0].background", value: background.rawValue)) }
            fields = [Field(name: "input_text", value: request.finalPrompt)] + request.images.map { file("input_image", $0) } + tool
                + (request.mask.map { [file("tools[0].input_image_mask", $0)] } ?? [])
                + (request.previousResponseID.map { [Field(name: "previous_response_id", value: $0)] } ?? [])
        default:
            endpoint = "\(provider) at \(baseURL)"
            fields = [Field(name: "prompt", value: request.finalPrompt), Field(name: "model", value: request.settings.model)]
                + request.images.map { file("image", $0) } + (request.mask.map { [file("mask", $0)] } ?? [])
        }
    }
}
