import ArgumentParser
import EditProviders
import ImageCodecs
import ImageOps

/// The one place where errors become messages and exit codes.
enum ErrorReporting {
    /// The exit status for `error`.
    static func status(for error: any Error) -> ExitStatus {
        switch error {
        case let codec as CodecError:
            switch codec {
            case .unrecognizedFormat, .corrupt, .unsupported, .limitExceeded: return .dataError
            case .invalidParameter: return .usage
            case .encodingFailed: return .software
            }
        case is OperationError, is EditProviderError:
            return .usage
        case let cli as CLIError:
            switch cli {
            case .cannotRead, .cannotWrite: return .ioError
            case .usage: return .usage
            case .outputTooLarge, .mismatch: return .dataError
            }
        default:
            return .software
        }
    }

    /// One line naming the file (when known) and the cause.
    static func message(for error: any Error, file: String?) -> String {
        let cause: String
        switch error {
        case let cli as CLIError: return "error: \(cli)"   // already names its path
        case let codec as CodecError: cause = codec.description
        case let operation as OperationError: cause = operation.description
        case let provider as EditProviderError: cause = provider.description
        default: cause = String(describing: error)
        }
        if let file { return "error: \(file): \(cause)" }
        return "error: \(cause)"
    }

    /// Prints the message on stderr and returns the exit status.
    static func report(_ error: any Error, file: String?) -> ExitStatus {
        Console.current.printError(message(for: error, file: file))
        return status(for: error)
    }

    /// Reports `error` (naming `file`, unless the error names its own path) and returns
    /// the exit code for the command to throw.
    static func exit(_ error: any Error, file: String?) -> ExitCode {
        ExitCode(report(error, file: error is CLIError ? nil : file).rawValue)
    }
}
