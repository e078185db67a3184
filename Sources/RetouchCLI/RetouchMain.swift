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
    /// argument that is not valid UTF-8 (a file name from another encoding) is refused
    /// with exit 64 naming its position and bytes: decoding it would replace bytes with
    /// U+FFFD, so an input would not be found and an output would be written under
    /// another name.
    public static func run(argv: [[UInt8]]) async -> Int32 {
        var arguments: [String] = []
        for (index, bytes) in argv.enumerated() {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                let shown = bytes.map { $0 < 0x80 && $0 >= 0x20 ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16, uppercase: true) }.joined()
                Console.current.printError("error: argument \(index + 1) (\(shown)) is not valid UTF-8: Retouch reads and writes file names as UTF-8; rename the file (convmv converts a folder of names)")
                return ExitStatus.usage.rawValue
            }
            arguments.append(text)
        }
        return await run(arguments: arguments)
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
