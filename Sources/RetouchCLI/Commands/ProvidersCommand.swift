import ArgumentParser
import EditProviders
import ImagePipeline

/// `retouch providers [--json]`: each provider and its models, with capabilities, size
/// rules, prices, and whether a key is configured.
struct ProvidersCommand: RetouchCommand {
    static let configuration = CommandConfiguration(
        commandName: "providers",
        abstract: "List the edit providers and their models: capabilities, size rules, prices, and whether a key is set.")

    @Flag(name: .long, help: "Print JSON: an array of {id, summary, keyVariable, keyConfigured, baseURL, models}.") var json = false

    func run() async throws {
        let console = Console.current
        let report = EditProviderRegistry.entries.map { entry in
            ProviderListing(entry: entry, keyConfigured: entry.keyVariable.map { Environment.value($0)?.isEmpty == false } ?? true,
                            models: ModelCatalog.models(of: entry.catalogueProvider))
        }
        if json {
            console.print(ReportEncoder.text(report))
            return
        }
        for (index, listing) in report.enumerated() {
            if index > 0 { console.print("") }
            listing.text.forEach(console.print)
        }
    }
}
