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
    /// A source that already is an acceptable upload (an 8-bit PNG at a size the model
    /// takes, nothing to strip) is sent byte for byte; one with a text chunk (generator
    /// parameters, comments) is re-encoded without it.
    @Test func aCleanPNGAtAnAcceptedSizeIsUploadedAsItIs() throws {
        try withTemporaryDirectory { directory in
            let clean = directory.appendingPathComponent("clean.png").path
            let pixels = SyntheticImages.gradient(width: 1024, height: 1024)
            let bytes = try ImageCodec.encode(pixels, options: .png(PNGEncodingOptions(compressionLevel: 9)))
            try FileAccess.write(bytes, to: clean)
            func upload(_ path: String) throws -> [UInt8] {
                let options = EditJobOptions(sourcePath: path, prompt: "a glass", profile: try ModelCatalog.profile(for: "gpt-image-2"),
                                             size: .exact(PixelSize(width: 1024, height: 1024)), outputPath: directory.appendingPathComponent("out.png").path)
                return try EditJob.plan(options).request.image.bytes
            }
            #expect(try upload(clean) == bytes)
            // The same file with a tEXt chunk after IHDR.
            var chunk: [UInt8] = Array("tEXt".utf8) + Array("parameters\0seed 42".utf8)
            let crc = CRC32.checksum(chunk)
            chunk = [0, 0, 0, UInt8(chunk.count - 4)] + chunk + [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
            let texted = directory.appendingPathComponent("texted.png").path
            try FileAccess.write(Array(bytes[0..<33]) + chunk + Array(bytes[33...]), to: texted)
            let reencoded = try upload(texted)
            #expect(reencoded != bytes && !reencoded.contains(sequence: Array("parameters".utf8)))
            #expect(try ImageCodec.decode(reencoded).pixels.converted(to: .rgba8) == pixels.converted(to: .rgba8))
        }
    }

    /// A mask file that already is what OpenAI reads (a clean RGBA PNG read by its alpha,
    /// at the upload's size, as `retouch mask` writes) is sent byte for byte; a white-is-edit
    /// mask, or an RGBA one whose alpha is all opaque (read by luma), is re-encoded so that
    /// its alpha carries the edit region.
    @Test func anOpenAIMaskAtTheUploadSizeIsSentAsItIs() throws {
        try withTemporaryDirectory { directory in
            let source = directory.appendingPathComponent("source.png").path
            try FileAccess.write(try ImageCodec.encode(SyntheticImages.gradient(width: 1024, height: 1024), options: .png(.default)), to: source)
            var coverage = Mask(width: 1024, height: 1024)
            for y in 300..<700 { for x in 200..<600 { coverage[x, y] = 255 } }
            func sent(_ maskBytes: [UInt8]) throws -> [UInt8] {
                let path = directory.appendingPathComponent("mask.png").path
                try FileAccess.write(maskBytes, to: path)
                let options = EditJobOptions(sourcePath: source, maskPath: path, prompt: "a glass", profile: try ModelCatalog.profile(for: "gpt-image-2"),
                                             size: .exact(PixelSize(width: 1024, height: 1024)), outputPath: directory.appendingPathComponent("out.png").path)
                return try #require(try EditJob.plan(options).request.mask).bytes
            }
            func alphaCoverage(_ bytes: [UInt8]) throws -> Mask { Mask(alphaOf: try ImageCodec.decode(bytes).pixels).inverted() }
            // Compressed harder than Retouch's own mask encoder would: a re-encode would differ.
            let openai = try ImageCodec.encode(MaskConvention.openai.image(from: coverage), options: .png(PNGEncodingOptions(compressionLevel: 9, filter: .adaptive, reduceChannels: false)))
            #expect(try MaskJob.encode(coverage, rules: MaskRules(convention: .openai)) != openai)
            #expect(try sent(openai) == openai)
            let white = try MaskJob.encode(coverage, rules: MaskRules(convention: .white))
            let fromWhite = try sent(white), whiteCoverage = try alphaCoverage(fromWhite)
            #expect(fromWhite != white && whiteCoverage == coverage)
            // White-is-edit drawn in RGBA with every alpha 255: the alpha says nothing.
            let opaque = try ImageCodec.encode(coverage.grayBuffer.converted(to: .rgba8), options: .png(PNGEncodingOptions(reduceChannels: false)))
            let fromOpaque = try sent(opaque), opaqueCoverage = try alphaCoverage(fromOpaque)
            #expect(fromOpaque != opaque && opaqueCoverage == coverage)
        }
    }

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

extension Array where Element == UInt8 {
    func contains(sequence: [UInt8]) -> Bool {
        guard sequence.count <= count else { return false }
        return (0...(count - sequence.count)).contains { Array(self[$0..<($0 + sequence.count)]) == sequence }
    }
}
