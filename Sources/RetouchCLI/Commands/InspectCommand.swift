import ArgumentParser
import ImageCodecs

extension RootCommand {
    /// `retouch inspect FILE... [--json]`: format, sizes, orientation, colour, alpha, metadata.
    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report format, size, orientation, colour, alpha and metadata of images.",
            discussion: "Every file is decoded, so corrupt files are reported. A file that fails is reported as an error and the exit status is non-zero, but the other files are still reported.")

        @Argument(help: "Image files (PNG, JPEG or WebP).")
        var files: [String]

        @Flag(name: .long, help: "Print JSON: one object per file, an array when several files are given.")
        var json = false

        func run() async throws {
            let console = Console.current
            var results: [JSONValue] = []
            var worst: ExitStatus = .success
            for (index, file) in files.enumerated() {
                do {
                    let report = try Self.inspect(file)
                    if json {
                        results.append(report.json)
                    } else {
                        if index > 0 { console.print("") }
                        report.text.forEach(console.print)
                    }
                } catch {
                    let status = ErrorReporting.report(error, file: error is CLIError ? nil : file)
                    if worst == .success { worst = status }
                    if json {
                        results.append(.object([("file", .string(file)), ("error", .string(ErrorReporting.message(for: error, file: nil).replacingPrefix("error: ")))]))
                    }
                }
            }
            if json {
                console.print((files.count == 1 ? results[0] : .array(results)).rendered(pretty: true))
            }
            if worst != .success { throw ExitCode(worst.rawValue) }
        }

        /// Decodes one file (first frame of an animation) and builds its report.
        static func inspect(_ file: String) throws -> InspectionReport {
            let bytes = try FileAccess.read(file)
            let decoded = try ImageCodec.decode(bytes, options: DecodingOptions(animation: .firstFrame))
            return InspectionReport(
                file: file, metadata: decoded.metadata, usesAlpha: !decoded.pixels.isOpaque,
                warnings: decoded.warnings)
        }
    }
}

extension String {
    func replacingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
