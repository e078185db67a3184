/// The multipart form of `POST {base}/images/edits` (spec §1.3, §1.11): text fields in
/// the SDK's order (prompt, background, model, n, output_compression, output_format,
/// quality, size, input_fidelity, stream, partial_images), only those set; then the
/// images (`image` for one, `image[]` for each of several) and the mask, each with a
/// filename and its real content type.
public enum OpenAIImagesRequest {
    /// The path under the base URL.
    public static let path = "/images/edits"

    /// The parts of the form, in order.
    public static func parts(_ request: EditRequest) -> [MultipartPart] {
        let s = request.settings
        var parts: [MultipartPart] = [.text(name: "prompt", value: request.finalPrompt)]
        if let background = s.background { parts.append(.text(name: "background", value: background.rawValue)) }
        parts.append(.text(name: "model", value: s.model))
        if let n = s.count { parts.append(.text(name: "n", value: String(n))) }
        if let compression = s.outputCompression { parts.append(.text(name: "output_compression", value: String(compression))) }
        if let format = s.outputFormat { parts.append(.text(name: "output_format", value: format.rawValue)) }
        if let quality = s.quality { parts.append(.text(name: "quality", value: quality.rawValue)) }
        if let size = s.size { parts.append(.text(name: "size", value: size.description)) }
        if let fidelity = s.inputFidelity { parts.append(.text(name: "input_fidelity", value: fidelity.rawValue)) }
        if let partials = s.partialImages {
            parts.append(.text(name: "stream", value: "true"))
            parts.append(.text(name: "partial_images", value: String(partials)))
        }
        let images = request.images
        let imageName = images.count == 1 ? "image" : "image[]"
        for image in images {
            parts.append(.file(name: imageName, filename: image.filename, contentType: image.mimeType, bytes: image.bytes))
        }
        if let mask = request.mask {
            parts.append(.file(name: "mask", filename: mask.filename, contentType: "image/png", bytes: mask.bytes))
        }
        return parts
    }
}
