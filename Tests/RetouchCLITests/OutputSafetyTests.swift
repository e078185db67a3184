import Foundation
import ImageCodecs
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Outputs never replace inputs (issue 18): every command, with an output path equal to
/// one of its inputs (by another spelling, or a hard link), exits 64 naming both, and the
/// input's bytes are unchanged; `--overwrite` allows it where asked for.
@Suite struct OutputSafetyTests {
    @Test func noCommandWritesOverItsInput() async throws {
        try await withTemporaryDirectory { directory in
            let photo = directory.appendingPathComponent("photo.png").path
            try FileManager.default.copyItem(atPath: FixtureFiles.path("inputs/coffee.png"), toPath: photo)
            let link = directory.appendingPathComponent("link.png").path
            try FileManager.default.linkItem(atPath: photo, toPath: link)
            let mask = directory.appendingPathComponent("mask.png").path
            #expect(await runInProcess(["mask", "--like", photo, "--ellipse", "50%,50%,20%,20%", "-o", mask]).status == 0)
            let other = directory.appendingPathComponent("./photo.png").path.replacingOccurrences(of: "/photo.png", with: "/./photo.png")
            let before = try Data(contentsOf: URL(fileURLWithPath: photo)), maskBefore = try Data(contentsOf: URL(fileURLWithPath: mask))
            let out = directory.appendingPathComponent("out.png").path
            let cases: [[String]] = [
                ["convert", photo, "-o", other],
                ["convert", photo, "-o", link],
                ["prepare", photo, "-o", photo, "--aspect", "1:1"],
                ["prepare", photo, "-o", mask, "--mask", mask],
                ["mask", "--like", photo, "--rect", "1,1,5,5", "-o", photo],
                ["mask", "--like", photo, "--rect", "1,1,5,5", "-o", out, "--preview", link],
                ["mask", "--from", mask, "-o", mask],
                ["cutout", photo, "-o", other],
                ["cutout", photo, "-o", out, "--alpha-out", out],
                ["diff", photo, mask, "--heatmap", photo],
                ["diff", photo, photo, "--side-by-side", out, "--diff-image", out],
                ["export", photo, "-o", link],
                ["resize", photo, "--width", "100", "-o", other],
                ["edit", photo, "--mask", mask, "--prompt", "inpaint", "--provider", "local", "--no-workspace", "-o", mask],
            ]
            for arguments in cases {
                let result = await runInProcess(arguments)
                #expect(result.status == 64, "\(arguments.joined(separator: " ")): \(result.status) \(result.stderr)")
                #expect(result.stderr.contains("would replace"), "\(arguments.joined(separator: " ")): \(result.stderr)")
                #expect(try Data(contentsOf: URL(fileURLWithPath: photo)) == before, "\(arguments.joined(separator: " ")) changed the photo")
                #expect(try Data(contentsOf: URL(fileURLWithPath: mask)) == maskBefore, "\(arguments.joined(separator: " ")) changed the mask")
            }
            // Asked for: --overwrite lets convert re-encode in place.
            let allowed = await runInProcess(["convert", photo, "-o", photo, "--overwrite", "--compression", "9"])
            #expect(allowed.status == 0, "\(allowed.stderr)")
        }
    }

    /// SIGTERM or SIGINT while the output is being written: the hidden temporary file is
    /// removed, nothing is left under the output's name, and the exit status is 143 or 130.
    /// The output is 16 MB of uncompressed noise so the write is long enough to be seen.
    @Test(.tags(.slow)) func aSignalDuringAWriteLeavesNoTemporaryFile() throws {
        try withTemporaryDirectory { directory in
            let input = directory.appendingPathComponent("noise.png").path
            let noise = SyntheticImages.noise(width: 2000, height: 2000, seed: 18)
            try FileAccess.write(try ImageCodec.encode(noise, options: .png(PNGEncodingOptions(compressionLevel: 0))), to: input)
            for (signal, status) in [(SIGTERM, Int32(143)), (SIGINT, Int32(130))] {
                let folder = directory.appendingPathComponent("out-\(signal)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
                let child = try spawnBinary(["convert", input, "-o", folder.appendingPathComponent("copy.png").path, "--compression", "0"],
                                            outputIn: directory)
                let clock = ContinuousClock(), deadline = clock.now + .seconds(60)
                var seen = false
                while !seen && clock.now < deadline {
                    seen = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).contains { $0.hasSuffix(".tmp") }
                    if !seen { usleep(200) }
                }
                #expect(seen, "the temporary file never appeared")
                child.signal(signal)
                let result = child.wait()
                #expect(result.status == status, "\(result.status) \(result.stderr)")
                let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                #expect(left.isEmpty, "left behind after signal \(signal): \(left)")
            }
        }
    }

    /// A file name that is not UTF-8 (Latin-1 "café.png") is read and written under its
    /// own bytes: `convert caf\xE9.png -o caf\xE9-\xFF.jpg` makes exactly that name (no
    /// U+FFFD spelling), and an error names a missing one with its raw bytes.
    @Test func aNonUTF8FileNameKeepsItsBytes() throws {
        try withTemporaryDirectory { directory in
            let folder = Array(directory.path.utf8) + Array("/".utf8)
            let input = Array("caf".utf8) + [0xE9] + Array(".png".utf8), output = Array("caf".utf8) + [0xE9, 0x2D, 0xFF] + Array(".jpg".utf8)
            let fixture = try Data(contentsOf: URL(fileURLWithPath: FixtureFiles.path("inputs/coffee.png")))
            let descriptor = (folder + input + [0]).withUnsafeBytes { open($0.baseAddress!.assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
            #expect(descriptor >= 0)
            _ = fixture.withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
            close(descriptor)
            let child = try spawnBinary(bytes: [Array("convert".utf8), folder + input, Array("-o".utf8), folder + output], outputIn: directory)
            let result = child.wait()
            #expect(result.status == 0, "\(result.status) \(result.stderr)")
            #expect(Set(Self.rawNames(in: directory.path)) == Set([input, output, Array("stdout".utf8), Array("stderr".utf8)]))
            let missing = Array("gone".utf8) + [0xFF] + Array(".png".utf8)
            let failed = try spawnBinary(bytes: [Array("inspect".utf8), folder + missing], outputIn: directory).wait()
            #expect(failed.status == 74, "\(failed.status)")
            let stderr = [UInt8](try Data(contentsOf: directory.appendingPathComponent("stderr")))
            #expect(stderr.firstRange(of: missing) != nil, "\(String(decoding: stderr, as: UTF8.self))")
        }
    }

    /// The names in `path` as bytes.
    static func rawNames(in path: String) -> [[UInt8]] {
        guard let listing = opendir(path) else { return [] }
        defer { closedir(listing) }
        var names: [[UInt8]] = []
        while let entry = readdir(listing) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name != [0x2E] && name != [0x2E, 0x2E] { names.append(name) }
        }
        return names
    }
}
