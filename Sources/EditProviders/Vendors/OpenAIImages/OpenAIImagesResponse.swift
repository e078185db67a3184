#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `ImagesResponse` (spec §1.7): the images as base64 and the usage; and the streamed
/// events (§1.9) that carry the same.
struct OpenAIImagesResponse: Decodable {
    struct Image: Decodable {
        var b64_json: String?
        var revised_prompt: String?
    }

    struct Usage: Decodable {
        struct InputDetails: Decodable {
            var text_tokens: Int?
            var image_tokens: Int?
        }
        var input_tokens: Int?
        var input_tokens_details: InputDetails?
        var output_tokens: Int?
        var total_tokens: Int?

        var editUsage: EditUsage {
            EditUsage(inputTokens: input_tokens ?? 0, textInputTokens: input_tokens_details?.text_tokens,
                      imageInputTokens: input_tokens_details?.image_tokens, outputTokens: output_tokens ?? 0, totalTokens: total_tokens)
        }
    }

    var data: [Image]?
    var usage: Usage?
    /// Streaming events only.
    var type: String?
    var b64_json: String?
    var partial_image_index: Int?

    /// The decoded images.
    ///
    /// - Throws: `EditProviderError.invalidResponse` for missing or bad base64.
    func images() throws(EditProviderError) -> [[UInt8]] {
        let encoded = (data ?? []).compactMap(\.b64_json) + (b64_json.map { [$0] } ?? [])
        guard !encoded.isEmpty else { throw .invalidResponse("no b64_json image in the answer") }
        return try encoded.map { text throws(EditProviderError) in try Self.imageBytes(base64: text, what: "an image") }
    }

    /// The bytes of a base64 image from an OpenAI answer (`what` names it in the error).
    static func imageBytes(base64 text: String, what: String) throws(EditProviderError) -> [UInt8] {
        guard let bytes = Data(base64Encoded: text) else { throw .invalidResponse("\(what) is not valid base64") }
        return [UInt8](bytes)
    }

    static func decode(_ bytes: [UInt8]) throws(EditProviderError) -> OpenAIImagesResponse {
        do {
            return try JSONDecoder().decode(OpenAIImagesResponse.self, from: Data(bytes))
        } catch {
            throw .invalidResponse("not the JSON of an images response: \(String(decoding: bytes.prefix(120), as: UTF8.self))")
        }
    }
}
