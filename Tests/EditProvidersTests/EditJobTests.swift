import EditProviders
import Foundation
import ImageCodecs
import ImageCore
import ImageOps
import ImagePipeline
import Testing
import TestSupport

/// `EditJob` through the `openai` provider against the fake server: the answer comes back
/// at the requested size (not the source's), drifted everywhere; paste-back must restore
/// every pixel the mask keeps.
@Suite(.serialized) struct EditJobTests {
    @Test(arguments: [PasteBack.Blend.feather, .poisson])
    func pasteBackRestoresEveryKeptPixelOfADriftedAnswer(blend: PasteBack.Blend) async throws {
        try await withTemporaryDirectory { directory in
            let source = FixtureFiles.path("inputs/coffee.png")
            let maskPath = directory.appendingPathComponent("mask.png").path
            var coverage = Mask(width: 600, height: 400)
            for y in 100..<300 { for x in 200..<400 { coverage[x, y] = 255 } }
            let featherless = try MaskJob.encode(coverage, rules: MaskRules(convention: .openai))
            try FileAccess.write(featherless, to: maskPath)
            // The model's answer: 1024×1024 (the padded upload's size), every pixel drifted.
            var answer = PixelBuffer(width: 1024, height: 1024, format: .rgba8)
            for y in 0..<1024 { for x in 0..<1024 { answer[x, y] = [UInt8(x / 8), 200, UInt8(y / 8), 255] } }
            let b64 = Data(try ImageCodec.encode(answer, options: .png(.default))).base64EncodedString()
            let server = FakeServer([.json(status: 200, body: #"{"data": [{"b64_json": "\#(b64)"}], "usage": {"input_tokens": 1, "output_tokens": 7024, "total_tokens": 7025}}"#)])
            let base = try await server.start()
            let options = EditJobOptions(sourcePath: source, maskPath: maskPath, prompt: "a glass", profile: try ModelCatalog.profile(for: "gpt-image-2"),
                                         size: .exact(PixelSize(width: 1024, height: 1024)), settings: EditSettings(model: "gpt-image-2", quality: .high),
                                         blend: blend, outputPath: directory.appendingPathComponent("out.png").path)
            let plan = try EditJob.plan(options)
            let provider = OpenAIImagesProvider(apiKey: "k", baseURL: base, call: ProviderCall(transport: AsyncHTTPClientTransport()))
            let report = try await EditJob.run(plan, options: options, provider: provider)
            await server.stop()
            let original = try decodedFile(source).converted(to: .rgba8), edited = try decodedFile(options.outputPath).converted(to: .rgba8)
            #expect(edited.size == original.size)
            for y in 0..<400 { for x in 0..<600 where coverage[x, y] == 0 { #expect(edited[x, y] == original[x, y]) } }
            // Inside, the model's change is kept: its green as is through the feather; through
            // the gradient domain its texture on the source's tone.
            if blend == .feather { #expect(edited[300, 200][1] > 150) }
            var changed = 0
            for y in 110..<290 { for x in 210..<390 where edited[x, y] != original[x, y] { changed += 1 } }
            #expect(changed > 180 * 180 / 2)
            #expect(report.drift.afterPasteBack?.outside?.changedPixels == 0)
            #expect((report.drift.beforePasteBack.outside?.changedFraction ?? 0) > 0.5)
            #expect(report.actualCost != nil && report.pasteBack == blend.rawValue)
        }
    }
}
