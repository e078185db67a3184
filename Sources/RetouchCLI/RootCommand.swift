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
        subcommands: [Inspect.self, Convert.self, Resize.self, Prepare.self, Channels.self, MaskCommand.self, Diff.self, CutoutCommand.self, Demo.self]
    )

    public init() {}
}
