import EditProviders
import ImageCodecs
import ImageCore
import ImageOps
import Testing
import TestSupport

@Suite struct LocalEditProviderTests {
    @Test(arguments: [("inpaint", LocalAction.fill), ("Remove the cup", .fill), ("background #1E90FF", .background(RGB8(red: 30, green: 144, blue: 255)))])
    func promptsItFollows(prompt: String, action: LocalAction) throws {
        #expect(try LocalAction(prompt: prompt) == action)
    }

    @Test(arguments: ["make it pop", "", "background blue", "background #12345", "fill the hole"])
    func promptsItRefusesNameWhatItCanDo(prompt: String) {
        #expect {
            try LocalAction(prompt: prompt)
        } throws: { error in
            guard case EditProviderError.invalidRequest(let parameter, _, let rule) = error else { return false }
            return parameter == "--prompt" && rule.contains("the local provider")
        }
    }

    /// "background #RRGGBB" puts the colour where the cutout found the backdrop and keeps
    /// the subject.
    @Test func backgroundReplacesThePlainBackdrop() async throws {
        // A grey square on white.
        var image = PixelBuffer(width: 64, height: 48, format: .rgb8)
        for y in 0..<48 { for x in 0..<64 { image[x, y] = (16..<48).contains(x) && (12..<36).contains(y) ? [90, 90, 90] : [255, 255, 255] } }
        let request = EditRequest(image: try EditImage(filename: "a.png", bytes: try ImageCodec.encode(image, options: .png(.default))),
                                  prompt: "background #1e90ff", settings: EditSettings(model: "local-inpaint"))
        let result = try await LocalEditProvider().edit(request)
        let output = try ImageCodec.decode(try #require(result.images.first)).pixels.converted(to: .rgba8)
        #expect(output[2, 2] == [30, 144, 255, 255])
        #expect(output[32, 24] == [90, 90, 90, 255])
    }
}
