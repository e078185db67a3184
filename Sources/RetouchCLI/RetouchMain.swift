import ArgumentParser
import ImageCodecs
import ImageCore

/// Runs `retouch` with the given arguments and returns the exit status.
///
/// Errors from parsing (usage, help, `--version`), and from the commands ArgumentParser
/// runs itself (the root without a subcommand, `help`), are ArgumentParser's: help and
/// version exit 0, usage errors 64. Errors from running one of our commands
/// (`RetouchCommand`) are mapped, once, in `ErrorReporting`. All output goes through
/// `Console.current`.
public enum RetouchMain {
    /// For the executable, before `run`: SIGINT and SIGTERM remove the temporary files of
    /// writes in progress and end the process with exit status 130 or 143.
    public static func installSignalHandlers() {
        FileAccess.removeTemporaryFilesOnSignals()
    }

    /// Runs with the raw bytes of the process's arguments (without the program name). An
    /// argument that is not valid UTF-8 (a file name from another encoding) keeps its
    /// bytes (see `FilePath.string(fromBytes:)`): such a file is read and written under
    /// its own name.
    public static func run(argv: [[UInt8]]) async -> Int32 {
        await run(arguments: argv.map { FilePath.string(fromBytes: $0) })
    }

    public static func run(arguments: [String]) async -> Int32 {
        if let text = Environment.value("RETOUCH_MAX_PIXELS") {
            guard let pixels = Int(text.replacingOccurrences(of: "_", with: "")), PixelBudget.allowed.contains(pixels) else {
                Console.current.printError("error: RETOUCH_MAX_PIXELS=\(text): expected a whole number of pixels, \(PixelBudget.allowed.lowerBound)…\(PixelBudget.allowed.upperBound) (default \(PixelBudget.standard))")
                return ExitStatus.usage.rawValue
            }
            PixelBudget.set(pixels)
        }
        var command: any ParsableCommand
        do {
            command = try RootCommand.parseAsRoot(arguments)
        } catch {
            // Everything thrown while parsing and validating is ArgumentParser's to render.
            return argumentParserStatus(for: error)
        }
        guard command is any RetouchCommand else {
            do { try await execute(&command) } catch { return argumentParserStatus(for: error) }
            return ExitStatus.success.rawValue
        }
        do {
            try await execute(&command)
            return ExitStatus.success.rawValue
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch let clean as CleanExit {
            return argumentParserStatus(for: clean)
        } catch {
            return ErrorReporting.report(error).rawValue
        }
    }

    private static func execute(_ command: inout any ParsableCommand) async throws {
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    }

    /// Prints an ArgumentParser error (help and version on stdout, the rest on stderr)
    /// and returns its status: 0 for help and version, 64 for usage errors.
    private static func argumentParserStatus(for error: any Error) -> Int32 {
        let console = Console.current
        let code = RootCommand.exitCode(for: error)
        let message = RootCommand.fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { console.print(message) }
            return 0
        }
        console.printError(message)
        return code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue
    }
}
