/// The exit codes of every `retouch` command (sysexits-style).
public enum ExitStatus: Int32, Sendable {
    /// Success.
    case success = 0
    /// A check the user asked for failed.
    case checkFailed = 1
    /// Usage error: bad flag, bad value, missing argument.
    case usage = 64
    /// Bad input data: unreadable, corrupt, unsupported or too large image.
    case dataError = 65
    /// A provider is unavailable.
    case unavailable = 69
    /// Internal error: a bug, or a library failure that is not the input's fault.
    case software = 70
    /// I/O error: a file could not be read or written.
    case ioError = 74
    /// Temporary failure: try again later.
    case temporaryFailure = 75
    /// Cancelled by the user (Ctrl-C).
    case interrupted = 130
}
