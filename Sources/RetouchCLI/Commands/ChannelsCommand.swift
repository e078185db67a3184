import ArgumentParser
import ImageOps

extension RootCommand {
    /// `retouch channels [--json]`: the channel presets.
    struct Channels: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the channel presets that prepare --channel accepts.")

        @Flag(name: .long, help: "Print JSON: an array of {id, width, height, ratio, notes}.")
        var json = false

        func run() async throws {
            let console = Console.current
            if json {
                let items = ChannelPreset.all.map { preset in
                    JSONValue.object([("id", .string(preset.id)), ("width", .int(preset.size.width)), ("height", .int(preset.size.height)),
                                      ("ratio", .string(preset.ratioText)), ("notes", .string(preset.notes))])
                }
                console.print(JSONValue.array(items).rendered(pretty: true))
                return
            }
            for preset in ChannelPreset.all {
                let size = "\(preset.size.width)×\(preset.size.height)"
                console.print(preset.id.padded(to: 21) + size.padded(to: 11)
                    + preset.ratioText.padded(to: 9) + preset.notes)
            }
        }
    }
}
