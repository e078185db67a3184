import ArgumentParser
import EditHistory
import EditProviders
import ImageCodecs
import ImageOps
import ImagePipeline

/// The one place where errors become messages and exit codes (sysexits).
enum ErrorReporting {
    /// The exit status for `error` (a `FileError` by its cause).
    static func status(for error: any Error) -> ExitStatus {
        switch error {
        case let located as FileError:
            return status(for: located.underlying)
        case let access as FileAccessError:
            switch access {
            case .tooLarge, .notARegularFile: return .dataError
            case .cannotRead, .cannotWrite: return .ioError
            }
        case let codec as CodecError:
            switch codec {
            case .unrecognizedFormat, .corrupt, .unsupported, .limitExceeded: return .dataError
            case .invalidParameter: return .usage
            case .encodingFailed: return .software
            }
        case let operation as OperationError:
            switch operation {
            // What the user asked for cannot be done: a parameter to change.
            case .sizeNotAllowed, .invalidParameter, .shapeOutsideImage, .rectOutsideImage, .outputTooLarge: return .usage
            // The inputs do not fit the request or each other.
            case .aspectOutOfRange, .sizeMismatch, .nothingToTrim: return .dataError
            }
        case let provider as EditProviderError:
            switch provider {
            case .unknownModel, .unknownProvider, .invalidRequest: return .usage
            case .overBudget: return .checkFailed
            case .modelRetired, .notConfigured, .unauthorized, .unreachable, .invalidResponse, .providerUnavailable: return .unavailable
            case .http(let status, _, _, _, _, _): return status >= 500 || status == 408 || status == 409 ? .temporaryFailure : .dataError
            case .moderationBlocked: return .dataError
            case .rateLimited, .outcomeUnknown: return .temporaryFailure
            case .cancelled: return .interrupted
            }
        case let pipeline as PipelineError:
            switch pipeline {
            case .formatCannotHold, .metricUnavailable, .outputCollision, .outputExists: return .usage
            case .outputTooLarge, .invalidShapesFile, .noInputs, .byteLimitUnreachable, .notPlainBackdrop: return .dataError
            }
        case let history as HistoryError:
            switch history {
            case .database: return .ioError
            case .blobDamaged: return .dataError
            case .unknownVersion, .noResult, .alreadyComplete, .mayHaveBeenBilled: return .usage
            case .noWorkspace: return .ioError
            case .invalidJob: return .dataError
            }
        case is CLIError, is ValidationError:
            return .usage
        default:
            return .software
        }
    }

    /// One line: `error: FILE: CAUSE` when a file is known, else `error: CAUSE`.
    static func message(for error: any Error) -> String {
        "error: " + describe(error)
    }

    /// The cause, prefixed with its file when it names one.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let located as FileError: "\(located.path): \(describe(located.underlying))"
        case let access as FileAccessError: access.description
        case let validation as ValidationError: validation.message
        case let described as any CustomStringConvertible: described.description
        default: String(describing: error)
        }
    }

    /// Prints the message on stderr and returns the exit status.
    static func report(_ error: any Error) -> ExitStatus {
        Console.current.printError(message(for: error))
        return status(for: error)
    }
}
