import ArgumentParser
import ImageCodecs
import ImagePipeline

/// `retouch inspect FILE... [--json]`: format, sizes, orientation, colour, alpha, metadata.
struct InspectCommand: RetouchCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Report format, size, orientation, colour, alpha and metadata of images.",
        discussion: "Every file is decoded, so corrupt files are reported. A file that fails is reported as an error and the exit status is non-zero, but the other files are still reported.")

    @Argument(help: "Image files (PNG, JPEG or WebP).") var files: [String]
    @Flag(name: .long, help: "Print JSON: one object per file, an array when several files are given.") var json = false

    func run() async throws {
        let console = Console.current
        var results: [JSONValue] = []
        var worst: ExitStatus = .success
        for (index, file) in files.enumerated() {
            do {
                let report = try InspectJob.run(file)
                if json {
                    results.append(ReportEncoder.value(report))
                } else {
                    if index > 0 { console.print("") }
                    report.text.forEach(console.print)
                }
            } catch {
                let status = ErrorReporting.report(error)
                if worst == .success { worst = status }
                if json {
                    results.append(.object([("file", .string(file)), ("error", .string(ErrorReporting.describe(Self.withoutFile(error))))]))
                }
            }
        }
        if json {
            console.print((files.count == 1 ? results[0] : .array(results)).rendered(pretty: true))
        }
        if worst != .success { throw ExitCode(worst.rawValue) }
    }

    /// The cause alone: the JSON entry names the file already.
    static func withoutFile(_ error: any Error) -> any Error {
        (error as? FileError)?.underlying ?? error
    }
}
