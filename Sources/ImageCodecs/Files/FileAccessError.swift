/// A file that could not be read or written; `reason` is the system's explanation.
public enum FileAccessError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    /// The input is larger than the byte limit (it was not read).
    case tooLarge(path: String, bytes: Int, limit: Int)
    /// The input is not a regular file (a FIFO, a device, a socket): such inputs can
    /// block or never end, so they are refused before reading.
    case notARegularFile(path: String, kind: String)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .cannotRead(let path, _), .cannotWrite(let path, _), .tooLarge(let path, _, _), .notARegularFile(let path, _): path
        }
    }

    public var description: String {
        switch self {
        case .cannotRead(let path, let reason): "\(path): cannot read: \(reason)"
        case .cannotWrite(let path, let reason): "\(path): cannot write: \(reason)"
        case .tooLarge(let path, let bytes, let limit): "\(path): \(bytes) bytes, more than the input limit of \(limit) bytes; not read"
        case .notARegularFile(let path, let kind): "\(path): is \(kind), not a regular file; give an image file"
        }
    }
}
