import Foundation
import ImageCodecs
import Testing
import TestSupport

@Suite struct ExportCommandTests {
    @Test(.tags(.slow)) func aVersionIsExportedForAChannelWithinABudget() throws {
        try withTemporaryDirectory { directory in
            let mask = try HistoryCommandTests.mask(in: directory)
            let workspace = directory.appendingPathComponent("ws").path
            let (edit, _) = try runBinary(["edit", HistoryCommandTests.coffee, "--mask", mask, "--prompt", "remove the cup", "--provider", "local",
                                           "--workspace", workspace, "-o", directory.appendingPathComponent("v1.png").path])
            #expect(edit.status == 0, "\(edit.stderr)")
            let output = directory.appendingPathComponent("og.jpg").path
            let (export, _) = try runBinary(["export", "v1", "--workspace", workspace, "--channel", "og-image", "--max-bytes", "60KB", "-o", output, "--json"])
            #expect(export.status == 0, "\(export.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
            #expect(report["channel"] as? String == "og-image" && report["format"] as? String == "jpeg")
            #expect((report["bytes"] as? Int ?? .max) <= 60_000)
            #expect(try FileAccess.read(output).count == report["bytes"] as? Int)

            // A file works as well as a version.
            let (file, _) = try runBinary(["export", HistoryCommandTests.coffee, "-o", directory.appendingPathComponent("c.webp").path])
            #expect(file.status == 0 && file.stdout.contains("webp, 600x400"), "\(file.stderr)")

            let (missing, _) = try runBinary(["export", "v7", "--workspace", workspace, "-o", output])
            #expect(missing.status == 64 && missing.stderr.contains("no version v7"))
            let (badSize, _) = try runBinary(["export", "v1", "--workspace", workspace, "--max-bytes", "2 lots", "-o", output])
            #expect(badSize.status == 64 && badSize.stderr.contains("--max-bytes 2 lots"))
            let (badChannel, _) = try runBinary(["export", "v1", "--workspace", workspace, "--channel", "myspace", "-o", output])
            #expect(badChannel.status == 64 && badChannel.stderr.contains("youtube-thumbnail"))
        }
    }
}
