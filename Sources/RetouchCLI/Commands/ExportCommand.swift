import ArgumentParser
import EditHistory
import ImageCodecs
import ImageCore
import ImageOps
import ImagePipeline

/// `retouch export VERSION -o OUT`: a recorded version (or an image file) framed for a
/// channel and encoded, metadata stripped, within a byte limit.
struct ExportCommand: RetouchCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a version (v3) or an image for a channel: framed, encoded, metadata stripped, within a byte limit.",
        discussion: """
            The output carries no EXIF, GPS, XMP or C2PA (only the ICC profile with --keep-icc). --max-bytes \
            first searches the JPEG/WebP quality down to --min-quality (PNG: the strongest compression), then \
            shrinks the pixels. Sizes take B, KB, MB (1000-based: 2MB is 2000000 bytes).
            """)

    @Argument(help: "A version of the workspace (v3), or an image file.") var version: String
    @Option(name: .long, help: "Workspace folder (default .retouch in the current folder).") var workspace: String = ".retouch"
    @Option(name: .shortAndLong, help: "Output file.") var output: String
    @OptionGroup var overwriteOption: OverwriteOption
    @Option(name: .long, help: "Frame for a channel: \(ChannelPreset.all.map(\.id).joined(separator: ", ")).") var channel: String?
    @Option(name: .long, help: "Crop placement: center, entropy, attention, subject, or X,Y (fractions or pixels).") var gravity: String = "center"
    @OptionGroup var encoding: OutputFormatOptions
    @Option(name: .long, help: "Largest file allowed, e.g. 2MB, 500KB or 1500000.") var maxBytes: String?
    @Option(name: .long, help: "Lowest JPEG/WebP quality --max-bytes may use (default 50).") var minQuality: Int = 50
    @Flag(name: .long, help: "Re-embed the image's ICC profile.") var keepIcc = false
    @Flag(name: .long, help: "Print JSON.") var json = false

    func validate() throws {
        if let channel, ChannelPreset.named(channel) == nil {
            throw ValidationError("--channel \(channel): expected one of \(ChannelPreset.all.map(\.id).joined(separator: ", "))")
        }
        _ = try GeometryArguments.gravity(gravity)
        if let maxBytes, Self.bytes(maxBytes) == nil { throw ValidationError("--max-bytes \(maxBytes): expected a size such as 2MB, 500KB or 1500000") }
        if !(1...100).contains(minQuality) { throw ValidationError("--min-quality \(minQuality): expected 1…100") }
    }

    /// "2MB" → 2000000; "500KB", "1500000", "1500000B". Nil for anything else or ≤ 0.
    static func bytes(_ text: String) -> Int? {
        let upper = text.uppercased()
        for (suffix, unit) in [("MB", 1_000_000), ("KB", 1000), ("B", 1)] where upper.hasSuffix(suffix) {
            guard let value = Double(upper.dropLast(suffix.count)), value > 0, value * Double(unit) < 1e12 else { return nil }
            return Int(value * Double(unit))
        }
        guard let value = Int(upper), value > 0 else { return nil }
        return value
    }

    func run() async throws {
        let console = Console.current
        if FilePath.isRegularFile(version) {
            try OutputSafety.check(inputs: [(version, "the input image")], outputs: [(output, "-o")], overwriteInputs: overwriteOption.overwrite)
        }
        let format = try encoding.resolvedFormat(for: output)
        let options = ExportOptions(
            channel: channel.flatMap(ChannelPreset.named), gravity: try GeometryArguments.gravity(gravity),
            encoding: try encoding.encodingOptions(for: format), maxBytes: maxBytes.flatMap(Self.bytes), minimumQuality: minQuality,
            keepICC: keepIcc, background: encoding.background.flatMap(RGB8.init(hex:)))
        let report: ExportReport
        let name: String
        if !FilePath.isRegularFile(version), let id = try? Workspace.versionNumber(version) {
            report = try Workspace.existing(workspace).export(id, to: output, options: options)
            name = "v\(id)"
        } else {
            report = try ExportJob.run(try FileAccess.read(version), name: version, output: output, options: options)
            name = version
        }
        if json {
            console.print(ReportEncoder.text(report))
        } else {
            let quality = report.quality.map { ", quality \($0)" } ?? ""
            console.print("\(name) → \(output): \(report.format), \(report.width)x\(report.height)\(quality), \(report.bytes) bytes"
                + (report.channel.map { " for \($0)" } ?? ""))
            if !report.removed.isEmpty { console.print("  removed  \(report.removed.joined(separator: ", "))") }
        }
        report.warnings.forEach { console.printError("warning: \(name): \($0)") }
    }
}
