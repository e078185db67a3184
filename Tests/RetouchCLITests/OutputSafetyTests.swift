import Foundation
import Testing
import TestSupport

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
}
