import EditProviders
import ImageCodecs
import ImageCore
import Testing
import TestSupport

@Suite struct MultipartTests {
    static let png = try! ImageCodec.encode(SyntheticImages.gradient(width: 32, height: 32), options: .png(.default))

    @Test func oneImageIsImageAndSeveralAreImageBrackets() throws {
        var request = EditRequest(image: try EditImage(filename: "a.png", bytes: Self.png), prompt: "p",
                                  settings: EditSettings(model: "gpt-image-2", quality: .high, size: .exact(PixelSize(width: 1024, height: 1024))))
        #expect(OpenAIImagesRequest.parts(request).map(\.name) == ["prompt", "model", "quality", "size", "image"])
        request.references = [try EditImage(filename: "b.png", bytes: Self.png)]
        request.mask = try EditImage(filename: "mask.png", bytes: Self.png)
        #expect(OpenAIImagesRequest.parts(request).map(\.name) == ["prompt", "model", "quality", "size", "image[]", "image[]", "mask"])
    }

    @Test func theBodyHasCRLFPartsWithFilenamesAndTypes() {
        let body = MultipartBody(parts: [.text(name: "prompt", value: "a \"b\""), .file(name: "image", filename: "x.png", contentType: "image/png", bytes: [1, 2])],
                                 boundary: "0123456789abcdef0123456789abcdef")
        let text = String(decoding: body.bytes, as: UTF8.self)
        #expect(text == "--0123456789abcdef0123456789abcdef\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\na \"b\"\r\n"
            + "--0123456789abcdef0123456789abcdef\r\nContent-Disposition: form-data; name=\"image\"; filename=\"x.png\"\r\nContent-Type: image/png\r\n\r\n\u{1}\u{2}\r\n"
            + "--0123456789abcdef0123456789abcdef--\r\n")
        #expect(body.contentType == "multipart/form-data; boundary=0123456789abcdef0123456789abcdef")
    }
}
