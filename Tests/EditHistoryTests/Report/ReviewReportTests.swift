import EditHistory
import EditProviders
import Foundation
import ImageCodecs
import ImageCore
import ImagePipeline
import Testing
import TestSupport

@Suite struct ReviewReportTests {
    /// A workspace with two rounds (v2 refines v1) on coffee.png with a mask, and its report.
    static func report(in directory: URL) async throws -> (html: String, path: String) {
        let workspace = try Workspace(path: directory.appendingPathComponent("ws").path)
        var options = try WorkspaceTests.options(in: directory)
        let first = try await RecordedEdit.run(try EditJob.plan(options), options: options, provider: LocalEditProvider(), workspace: workspace)
        let v1 = try workspace.version(first.version)
        options.sourcePath = workspace.blobs.path(try #require(v1.blob))
        options.outputPath = directory.appendingPathComponent("v2.png").path
        options.prompt = "inpaint"
        _ = try await RecordedEdit.run(try EditJob.plan(options), options: options, provider: LocalEditProvider(), workspace: workspace, from: v1)
        let path = directory.appendingPathComponent("report.html").path
        let summary = try ReviewReport.write(workspace, to: path, displayEdge: 512)
        #expect(summary.versions == 2 && summary.images == 3)
        return (String(decoding: try FileAccess.read(path), as: UTF8.self), path)
    }

    @Test func theReportIsOneFileThatLoadsNothing() async throws {
        try await withTemporaryDirectory { directory in
            let (html, _) = try await Self.report(in: directory)
            #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'; img-src data:;"))
            #expect(!html.contains("http://") && !html.contains("https://"))
            // Every image is a data URL; the data parses; the prompt as sent is in it.
            let start = try #require(html.range(of: "<script type=\"application/json\" id=\"data\">"))
            let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
            let json = String(html[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "<\\/", with: "</")
            let data = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let images = try #require(data["images"] as? [String: [String: Any]])
            #expect(images.count == 3 && images.values.allSatisfy { ($0["src"] as? String)?.hasPrefix("data:image/") == true })
            let versions = try #require(data["versions"] as? [[String: Any]])
            #expect(versions.map { $0["id"] as? String } == ["v1", "v2"] && versions[1]["parent"] as? String == "v1")
            #expect((versions[0]["finalPrompt"] as? String)?.contains("Keep the background unchanged") == true)
            #expect(versions.allSatisfy { ($0["heatmap"] as? String)?.hasPrefix("data:image/png") == true && $0["maskOutline"] is String })
        }
    }

    /// In headless Chromium: no console errors; the slider moves the split and the toggles
    /// show and hide the heatmap and the mask outline (checked in the DOM and in the pixels
    /// of screenshots). Skipped when chromium and chromium-driver are missing, unless
    /// RETOUCH_REQUIRE_BROWSER is set (as CI does).
    @Test(.tags(.slow)) func theReportWorksInABrowser() async throws {
        guard WebDriver.installed != nil else {
            #expect(ProcessInfo.processInfo.environment["RETOUCH_REQUIRE_BROWSER"] == nil, "chromium and chromium-driver are required (RETOUCH_REQUIRE_BROWSER)")
            print("ReviewReportTests: chromium or chromium-driver missing; browser check skipped (apt install chromium chromium-driver)")
            return
        }
        try await withTemporaryDirectory { directory in
            let (_, path) = try await Self.report(in: directory)
            let browser = try await WebDriver()
            do {
                try await browser.open(URL(fileURLWithPath: path))
                let errors = try await browser.consoleLog().filter { $0.level == "SEVERE" || $0.level == "WARNING" }
                #expect(errors.isEmpty, "\(errors)")
                // Built: the timeline, the table, both pictures loaded.
                let built = try await browser.execute("""
                    const loaded = (id) => { const i = document.getElementById(id); return i.complete && i.naturalWidth > 0; };
                    return [document.querySelectorAll('.card').length, document.querySelectorAll('#metrics-table tr').length, loaded('img-a'), loaded('img-b')];
                    """) as? [Any]
                #expect(built?.count == 4 && built?[0] as? Int == 2 && built?[1] as? Int == 3 && built?[2] as? Bool == true && built?[3] as? Bool == true, "\(String(describing: built))")

                func split() async throws -> String { try await browser.execute("return document.getElementById('side-b').style.clipPath;") as? String ?? "" }
                func hidden(_ id: String) async throws -> Bool { try await browser.execute("return document.getElementById('\(id)').hidden;") as? Bool ?? false }
                func shot() async throws -> PixelBuffer { try ImageCodec.decode(try await browser.screenshot()).pixels.converted(to: .rgba8) }
                /// Pixels that differ between two screenshots (RGBA8, same size).
                func differing(_ a: PixelBuffer, _ b: PixelBuffer) -> Int {
                    guard a.size == b.size, a.bytesPerRow == b.bytesPerRow else { return Int.max }
                    return a.withUnsafeBytes { pa in
                        b.withUnsafeBytes { pb in
                            var count = 0
                            for y in 0..<a.height {
                                let row = y * a.bytesPerRow
                                for x in 0..<a.width where pa.load(fromByteOffset: row + 4 * x, as: UInt32.self) != pb.load(fromByteOffset: row + 4 * x, as: UInt32.self) {
                                    count += 1
                                }
                            }
                            return count
                        }
                    }
                }

                let start = try await shot()
                let initial = try await split()
                #expect(initial == "inset(0px 0px 0px 50%)" || initial == "inset(0 0 0 50%)", "\(initial)")
                // A real click on the left quarter of the slider moves the split there.
                try await browser.click("#slider", dx: -150)
                let moved = try await split()
                #expect(moved != "inset(0px 0px 0px 50%)" && moved != "inset(0 0 0 50%)", "\(moved)")
                let afterSlider = try await shot()
                #expect(differing(start, afterSlider) > 1000)

                let heatmapHidden = try await hidden("overlay-heatmap"), maskHidden = try await hidden("overlay-mask")
                #expect(heatmapHidden && maskHidden)
                try await browser.click("#toggle-heatmap")
                #expect(!(try await hidden("overlay-heatmap")))
                let withHeatmap = try await shot()
                #expect(differing(afterSlider, withHeatmap) > 100)
                try await browser.click("#toggle-mask")
                #expect(!(try await hidden("overlay-mask")))
                let withOutline = try await shot()
                #expect(differing(withHeatmap, withOutline) > 100)
                try await browser.click("#toggle-heatmap")
                #expect(try await hidden("overlay-heatmap"))

                // Picking another "before" image changes A.
                let before = try await browser.execute("return document.getElementById('img-a').src.length;") as? Int
                _ = try await browser.execute("const s = document.getElementById('pick-a'); s.value = s.options[0].value; s.dispatchEvent(new Event('change')); return 0;")
                let after = try await browser.execute("return document.getElementById('img-a').src.length;") as? Int
                #expect(before != after)
                let late = try await browser.consoleLog().filter { $0.level == "SEVERE" || $0.level == "WARNING" }
                #expect(late.isEmpty, "\(late)")
            } catch {
                await browser.quit()
                throw error
            }
            await browser.quit()
        }
    }
}
