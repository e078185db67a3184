import ArgumentParser
import EditHistory
import ImagePipeline

/// `retouch report -o report.html`: the review report of a workspace.
struct ReportCommand: RetouchCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML review of a workspace: timeline, before/after slider, drift heatmap and mask toggles, metrics.",
        discussion: "One file with every image inside it (no network access, no CDN); images are shown at most --display-edge pixels long.")

    @Option(name: .long, help: "Workspace folder (default .retouch in the current folder).") var workspace: String = ".retouch"
    @Option(name: .shortAndLong, help: "Output HTML file.") var output: String
    @Option(name: .long, help: "Longest edge of the images shown, in pixels (256…4096, default 1024).") var displayEdge: Int = 1024
    @Option(name: .long, help: "Title of the page.") var title: String?
    @Flag(name: .long, help: "Print JSON.") var json = false

    func validate() throws {
        if !(256...4096).contains(displayEdge) { throw ValidationError("--display-edge \(displayEdge): expected 256…4096 pixels") }
    }

    func run() async throws {
        let console = Console.current
        let summary = try ReviewReport.write(try Workspace.existing(workspace), to: output, displayEdge: displayEdge, title: title)
        if json {
            console.print(ReportEncoder.text(summary))
        } else {
            console.print("\(output): review of \(summary.versions) version\(summary.versions == 1 ? "" : "s") with \(summary.images) images, \(summary.bytes) bytes")
        }
    }
}
