import Foundation
import ImageCodecs
import Testing
import TestSupport

@Suite struct ReportCommandTests {
    @Test(.tags(.slow)) func aWorkspaceBecomesOneHTMLFile() throws {
        try withTemporaryDirectory { directory in
            let mask = try HistoryCommandTests.mask(in: directory)
            let workspace = directory.appendingPathComponent("ws").path
            let (edit, _) = try runBinary(["edit", HistoryCommandTests.coffee, "--mask", mask, "--prompt", "remove the cup", "--provider", "local",
                                           "--workspace", workspace, "-o", directory.appendingPathComponent("v1.png").path])
            #expect(edit.status == 0, "\(edit.stderr)")
            let output = directory.appendingPathComponent("review.html").path
            let (report, _) = try runBinary(["report", "--workspace", workspace, "-o", output, "--title", "Coffee <review>"])
            #expect(report.status == 0 && report.stdout.contains("review of 1 version with 2 images"), "\(report.stderr)")
            let html = String(decoding: try FileAccess.read(output), as: UTF8.self)
            #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<title>Coffee &lt;review&gt;</title>"))

            let (nowhere, _) = try runBinary(["report", "--workspace", directory.appendingPathComponent("none").path, "-o", output])
            #expect(nowhere.status == 74 && nowhere.stderr.contains("no workspace here"))
            let (edge, _) = try runBinary(["report", "--workspace", workspace, "--display-edge", "10", "-o", output])
            #expect(edge.status == 64 && edge.stderr.contains("--display-edge 10"))
        }
    }
}
