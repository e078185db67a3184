import ArgumentParser

/// Runs `retouch` with the given arguments and returns the exit status.
///
/// Usage errors exit 64, help and `--version` exit 0; command errors are mapped in
/// `ErrorReporting`. All output goes through `Console.current`.
public enum RetouchMain {
    public static func run(arguments: [String]) async -> Int32 {
        let console = Console.current
        do {
            var command = try RootCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return ExitStatus.success.rawValue
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            let code = RootCommand.exitCode(for: error)
            // ArgumentParser's own errors: help, version, usage.
            if isArgumentParserError(error) {
                let message = RootCommand.fullMessage(for: error)
                if code == .success {
                    if !message.isEmpty { console.print(message) }
                    return 0
                }
                console.printError(message)
                return code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue
            }
            return ErrorReporting.report(error, file: nil).rawValue
        }
    }

    private static func isArgumentParserError(_ error: any Error) -> Bool {
        error is ValidationError || error is CleanExit
            || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }
}
