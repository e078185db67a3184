public import ArgumentParser
import ImageCodecs

/// `retouch`: the root command and its subcommand list.
public struct RootCommand: AsyncParsableCommand {
    /// The Retouch version.
    public static let retouchVersion = "0.1.0"

    /// The version text: Retouch and the linked codec libraries.
    public static var versionText: String {
        let versions = ImageCodec.libraryVersions
        return """
            retouch \(retouchVersion)
            libpng \(versions.libpng)
            \(versions.libjpeg)
            libwebp \(versions.libwebp)
            """
    }

    public static let configuration = CommandConfiguration(
        commandName: "retouch",
        abstract: "Prepare images for AI edits, post-process the results, and measure drift.",
        version: versionText,
        subcommands: [InspectCommand.self, ConvertCommand.self, ResizeCommand.self, PrepareCommand.self, ChannelsCommand.self,
                      MaskCommand.self, DiffCommand.self, CutoutCommand.self, EditCommand.self, ProvidersCommand.self, HistoryCommand.self, ExportCommand.self, ReportCommand.self, BatchCommand.self, DemoCommand.self]
    )

    public init() {}
}
