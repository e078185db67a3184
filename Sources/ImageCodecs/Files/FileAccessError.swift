/// A file that could not be read or written; `reason` is the system's explanation.
public enum FileAccessError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .cannotRead(let path, _), .cannotWrite(let path, _): path
        }
    }

    public var description: String {
        switch self {
        case .cannotRead(let path, let reason): "\(path): cannot read: \(reason)"
        case .cannotWrite(let path, let reason): "\(path): cannot write: \(reason)"
        }
    }
}
