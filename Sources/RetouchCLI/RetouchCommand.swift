import ArgumentParser

/// One of `retouch`'s own verbs: what its `run()` throws is ours to report
/// (`ErrorReporting`), unlike the commands ArgumentParser runs itself.
protocol RetouchCommand: AsyncParsableCommand {}
