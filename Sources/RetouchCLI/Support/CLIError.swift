/// Errors the CLI raises itself (files, arguments); library errors keep their own types.
public enum CLIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file could not be read; `reason` is the system's explanation.
    case cannotRead(path: String, reason: String)
    /// A file could not be written; `reason` is the system's explanation.
    case cannotWrite(path: String, reason: String)
    /// An argument is invalid in a way only known after reading the inputs.
    case usage(String)
    /// The inputs do not fit together (e.g. two images of different sizes).
    case mismatch(String)
    /// An output would exceed a size limit even at the strongest compression.
    case outputTooLarge(path: String, bytes: Int, limit: Int, what: String)

    public var description: String {
        switch self {
        case .cannotRead(let path, let reason): "\(path): cannot read: \(reason)"
        case .cannotWrite(let path, let reason): "\(path): cannot write: \(reason)"
        case .usage(let message): message
        case .mismatch(let message): message
        case .outputTooLarge(let path, let bytes, let limit, let what):
            "\(path): \(bytes) bytes at maximum PNG compression, over the \(limit)-byte limit for \(what); use a smaller image or a simpler mask"
        }
    }
}
