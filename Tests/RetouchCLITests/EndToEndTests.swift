import Foundation
import ImageCodecs
import ImageCore
import Testing
import TestSupport

/// Runs of the built `retouch` binary: stdout, stderr, exit codes, and peak memory.
@Suite(.serialized, .tags(.slow)) struct EndToEndTests {
    @Test func corruptFilePrintsOneLineAndExits65() throws {
        let file = Paths.fixtures.appendingPathComponent("corrupt/bad-ihdr-crc.png").path
        let (result, _) = try runBinary(["inspect", file])
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: \(file): corrupt PNG data: "), "\(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    /// libpng, libjpeg and libwebp print nothing: for every corrupt or truncated
    /// conformance file, stderr holds exactly one `error:` line per file.
    @Test(.requiresConformance) func librariesPrintNothingOnCorruptInput() throws {
        let root = try #require(Paths.conformance)
        let rejected = TSVTable.conformanceRows("pngsuite/expected.tsv").filter { $0["expect"] == "reject" }.map { "pngsuite/" + $0["file"]! }
            + TSVTable.conformanceRows("jpeg/MANIFEST.tsv").filter { $0["expect"]!.hasPrefix("reject") }.map { "jpeg/" + $0["file"]! }
            + TSVTable.conformanceRows("webp/MANIFEST.tsv").filter { $0["expect"] == "reject" }.map { "webp/" + $0["file"]! }
        let files = rejected.map { root.appendingPathComponent($0).path }
        #expect(files.count >= 30)
        let (result, _) = try runBinary(["inspect"] + files)
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == files.count, "\(result.stderr)")
        for line in lines { #expect(line.hasPrefix("error: "), "unexpected stderr line: \(line)") }
    }

    @Test func versionFromTheBinary() throws {
        let (result, _) = try runBinary(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("libpng"))
        #expect(result.stdout.contains("libwebp"))
    }

    @Test func usageErrorFromTheBinary() throws {
        let (result, _) = try runBinary(["convert"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Missing expected argument"))
    }

    /// A 12-megapixel JPEG (4000×3000) decodes with the whole process's peak RSS under
    /// 2.5× its RGBA size (48 MB → 120 MB), baseline and progressive.
    @Test(arguments: [false, true])
    func twelveMegapixelJPEGPeakMemory(progressive: Bool) throws {
        try withTemporaryDirectory { directory in
            let width = 4000, height = 3000
            var image = SyntheticImages.gradient(width: width, height: height)
            let noise = SyntheticImages.noise(width: width, height: height, seed: 12)
            image.withUnsafeMutableBytes { pixels in
                noise.withUnsafeBytes { random in
                    for i in 0..<pixels.count where i % 4 != 3 {
                        pixels[i] = UInt8(clamping: Int(pixels[i]) + Int(random[i] & 15) - 8)
                    }
                }
            }
            let jpeg = try ImageCodec.encode(image, options: .jpeg(JPEGEncodingOptions(quality: 90, progressive: progressive)))
            let file = directory.appendingPathComponent("12mp.jpg")
            try Data(jpeg).write(to: file)
            let (result, peak) = try runBinary(["inspect", file.path])
            #expect(result.status == 0, "\(result.stderr)")
            let rgbaBytes = width * height * 4
            try #require(peak > 0, "the child exited before its memory could be sampled")
            #expect(Double(peak) < 2.5 * Double(rgbaBytes), "peak RSS \(peak / 1_000_000) MB for a \(rgbaBytes / 1_000_000) MB RGBA image (JPEG \(jpeg.count / 1000) kB)")
            print("12 MP \(progressive ? "progressive" : "baseline") JPEG (\(jpeg.count / 1000) kB): peak RSS \(peak / 1_000_000) MB = \(Double(peak) / Double(rgbaBytes))× RGBA")
        }
    }
}
