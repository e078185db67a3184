import EditProviders
import Foundation
import ImageCodecs
import ImageCore
import Testing
import TestSupport

/// `openai-responses` against a fake server: the image_generation tool, data URLs, and
/// chaining by response id.
@Suite(.serialized) struct OpenAIResponsesProviderTests {
    static let png = try! ImageCodec.encode(SyntheticImages.gradient(width: 24, height: 16), options: .png(.default))

    @Test func editsThroughTheToolAndChains() async throws {
        let b64 = Data(Self.png).base64EncodedString()
        let answer = #"{"id": "resp_2", "output": [{"type": "image_generation_call", "id": "ig_1", "status": "completed", "result": "\#(b64)", "revised_prompt": "a crystal glass"}], "tool_usage": {"image_gen": {"input_tokens": 20, "output_tokens": 7024, "total_tokens": 7044}}}"#
        let server = FakeServer([.json(status: 200, body: answer)])
        let base = try await server.start()
        let provider = OpenAIResponsesProvider(apiKey: "sk", baseURL: base, call: ProviderCall(transport: AsyncHTTPClientTransport()))
        let request = EditRequest(image: try EditImage(filename: "p.png", bytes: Self.png), prompt: "fix only the shadow",
                                  settings: EditSettings(model: "gpt-image-2", quality: .high, size: .exact(PixelSize(width: 1024, height: 1024))),
                                  previousResponseID: "resp_1")
        let result = try await provider.edit(request)
        let seen = server.requests
        await server.stop()
        #expect(result.responseID == "resp_2" && result.revisedPrompt == "a crystal glass" && result.images == [Self.png])
        #expect(result.usage?.outputTokens == 7024 && result.actualCost != nil)
        #expect(seen.count == 1 && seen[0].uri == "/v1/responses" && seen[0].header("authorization") == "Bearer sk")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(seen[0].body)) as? [String: Any])
        #expect(body["previous_response_id"] as? String == "resp_1")
        let tool = try #require((body["tools"] as? [[String: Any]])?.first)
        #expect(tool["type"] as? String == "image_generation" && tool["action"] as? String == "edit" && tool["model"] as? String == "gpt-image-2")
        #expect(tool["quality"] as? String == "high" && tool["size"] as? String == "1024x1024")
        let content = try #require(((body["input"] as? [[String: Any]])?.first?["content"]) as? [[String: Any]])
        #expect(content.first?["text"] as? String == "fix only the shadow")
        #expect((content.last?["image_url"] as? String)?.hasPrefix("data:image/png;base64,") == true)
        #expect((body["tool_choice"] as? [String: Any])?["type"] as? String == "image_generation")
    }
}
