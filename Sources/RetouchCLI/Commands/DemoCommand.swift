import ArgumentParser
import Foundation
import ImageCodecs

extension RootCommand {
    /// `retouch demo`: the main job on the bundled fixtures, offline.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the demo pipeline on the bundled fixture photos (offline).",
            discussion: "Stage 1 (prepare): inspect and decode every image in the fixtures folder and write it out upright as PNG. Later stages (mask, edit, cutout, diff) join as they are built.")

        @Option(name: .long, help: "Folder of input images.")
        var fixtures = "Fixtures/inputs"

        @Option(name: .shortAndLong, help: "Folder for the outputs (created if missing).")
        var output = "out/demo"

        func run() async throws {
            let console = Console.current
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: fixtures)
                    .filter { ImageFormat(fileExtension: ($0 as NSString).pathExtension) != nil }
                    .sorted()
            } catch {
                throw ExitCode(ErrorReporting.report(CLIError.cannotRead(path: fixtures, reason: "cannot list the folder"), file: nil).rawValue)
            }
            guard !names.isEmpty else {
                throw ExitCode(ErrorReporting.report(CLIError.usage("\(fixtures) holds no PNG, JPEG or WebP images"), file: nil).rawValue)
            }
            try FileAccess.createDirectory(output)
            console.print("retouch demo: \(names.count) images from \(fixtures) → \(output)")
            console.print("")
            console.print(pad("file", 34) + pad("format", 8) + pad("stored", 11) + pad("orient", 7) + pad("upright", 11) + pad("alpha", 6) + "output")
            var failures = 0
            let clock = ContinuousClock()
            let start = clock.now
            for name in names {
                let path = fixtures + "/" + name
                do {
                    let bytes = try FileAccess.read(path)
                    let decoded = try ImageCodec.decode(bytes, options: DecodingOptions(animation: .firstFrame))
                    let upright = decoded.upright()
                    let outputPath = output + "/" + (name as NSString).deletingPathExtension + "-upright.png"
                    try FileAccess.write(try ImageCodec.encode(upright, options: .png(.default)), to: outputPath)
                    let m = decoded.metadata
                    console.print(pad(name, 34) + pad(m.format.rawValue, 8) + pad("\(m.width)×\(m.height)", 11)
                        + pad("\(m.orientation.rawValue)", 7) + pad("\(upright.width)×\(upright.height)", 11)
                        + pad(decoded.pixels.isOpaque ? "no" : "yes", 6) + outputPath)
                } catch {
                    failures += 1
                    _ = ErrorReporting.report(error, file: path)
                }
            }
            let elapsed = clock.now - start
            console.print("")
            console.print("\(names.count - failures) of \(names.count) images written upright in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow)))")
            if failures > 0 { throw ExitCode(ExitStatus.dataError.rawValue) }
        }

        private func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
        }
    }
}
