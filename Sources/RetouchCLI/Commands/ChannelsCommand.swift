import ArgumentParser
import ImageOps
import ImagePipeline

/// `retouch channels [--json]`: the channel presets.
struct ChannelsCommand: RetouchCommand {
    static let configuration = CommandConfiguration(commandName: "channels", abstract: "List the channel presets that prepare --channel accepts.")

    @Flag(name: .long, help: "Print JSON: an array of {id, width, height, ratio, notes}.")
    var json = false

    func run() async throws {
        let console = Console.current
        if json {
            console.print(ReportEncoder.text(ChannelPreset.all))
            return
        }
        for preset in ChannelPreset.all {
            let size = "\(preset.size.width)×\(preset.size.height)"
            console.print(preset.id.padded(to: 21) + size.padded(to: 11) + preset.ratioText.padded(to: 9) + preset.notes)
        }
    }
}
