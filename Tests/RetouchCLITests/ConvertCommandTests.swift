import Foundation
import ImageCodecs
import ImageCore
import Testing
import TestSupport

@Suite struct ConvertCommandTests {
    static let oriented = Paths.fixtures.appendingPathComponent("inputs/coffee-orientation-6.jpg").path

    @Test func convertsUprightByDefault() async throws {
        try await withTemporaryDirectory { directory in
            let output = directory.appendingPathComponent("upright.png").path
            let result = await runInProcess(["convert", Self.oriented, "-o", output])
            #expect(result.status == 0, "\(result.stderr)")
            let decoded = try ImageCodec.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: output))))
            #expect(decoded.metadata.format == .png)
            #expect(decoded.pixels.size == PixelSize(width: 600, height: 400))
            #expect(!decoded.metadata.hasEXIF)
        }
    }

    @Test func noOrientKeepsStoredPixels() async throws {
        try await withTemporaryDirectory { directory in
            let output = directory.appendingPathComponent("stored.webp").path
            let result = await runInProcess(["convert", Self.oriented, "-o", output, "--lossless", "--no-orient"])
            #expect(result.status == 0, "\(result.stderr)")
            let decoded = try ImageCodec.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: output))))
            #expect(decoded.metadata.format == .webp && decoded.metadata.compression == "lossless")
            #expect(decoded.pixels.size == PixelSize(width: 400, height: 600))
        }
    }

    @Test func formatFlagOverridesTheExtension() async throws {
        try await withTemporaryDirectory { directory in
            let output = directory.appendingPathComponent("out.bin").path
            let result = await runInProcess(["convert", Self.oriented, "-o", output, "--format", "jpeg", "--quality", "70", "--progressive"])
            #expect(result.status == 0, "\(result.stderr)")
            let metadata = try ImageCodec.readMetadata([UInt8](try Data(contentsOf: URL(fileURLWithPath: output))))
            #expect(metadata.format == .jpeg && metadata.compression == "progressive")
        }
    }

    @Test(arguments: [
        (["--quality", "80"], "out.png", "--quality does not apply to PNG"),
        (["--lossless"], "out.jpg", "--lossless does not apply to JPEG"),
        ([], "out.tiff", "cannot tell the output format"),
        (["--quality", "500"], "out.jpg", "--quality 500 is out of range"),
        (["--background", "red"], "out.jpg", "is not a colour"),
    ])
    func usageErrorsExit64(flags: [String], name: String, message: String) async throws {
        try await withTemporaryDirectory { directory in
            let result = await runInProcess(["convert", Self.oriented, "-o", directory.appendingPathComponent(name).path] + flags)
            #expect(result.status == 64)
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path))
        }
    }

    @Test func unwritableOutputIsAnIOError() async {
        let result = await runInProcess(["convert", Self.oriented, "-o", "/nonexistent-dir/out.png"])
        #expect(result.status == 74)
        #expect(result.stderr.contains("/nonexistent-dir/out.png"))
    }

    @Test func corruptInputIsADataError() async throws {
        try await withTemporaryDirectory { directory in
            let input = Paths.fixtures.appendingPathComponent("corrupt/truncated-scan.jpg").path
            let result = await runInProcess(["convert", input, "-o", directory.appendingPathComponent("x.png").path])
            #expect(result.status == 65)
            #expect(result.stderr.hasPrefix("error: \(input): corrupt JPEG data: Premature end of JPEG file"), "\(result.stderr)")
            let lenient = await runInProcess(["convert", input, "-o", directory.appendingPathComponent("x.png").path, "--lenient"])
            #expect(lenient.status == 0)
            #expect(lenient.stderr.contains("warning: "))
        }
    }

    @Test func keepICCReembedsTheProfile() async throws {
        try await withTemporaryDirectory { directory in
            let profile = ICCProfileBuilder.profile(description: "Kept Profile")
            let input = directory.appendingPathComponent("in.png")
            try Data(try ImageCodec.encode(SyntheticImages.gradient(width: 20, height: 10), options: .png(PNGEncodingOptions(iccProfile: profile)))).write(to: input)
            for (name, flags, expected) in [("kept.jpg", ["--keep-icc"], "Kept Profile"), ("stripped.jpg", [], nil)] {
                let output = directory.appendingPathComponent(name).path
                let result = await runInProcess(["convert", input.path, "-o", output] + flags)
                #expect(result.status == 0)
                let metadata = try ImageCodec.readMetadata([UInt8](try Data(contentsOf: URL(fileURLWithPath: output))))
                #expect(metadata.iccDescription == expected)
            }
        }
    }
}
