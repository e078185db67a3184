/// An error attributed to the file it is about: which input (or output) failed, and why.
/// Library code wraps an error once, where it knows the file; the CLI prints
/// `error: PATH: CAUSE` from it.
public struct FileError: Error, Sendable, CustomStringConvertible {
    /// The file as the user named it.
    public var path: String
    /// The cause (a `CodecError`, `OperationError`, …); never another `FileError`.
    public var underlying: any Error

    public init(path: String, underlying: any Error) {
        self.path = path
        self.underlying = underlying
    }

    public var description: String { "\(path): \(underlying)" }

    /// Runs `body`, attributing what it throws to `path`. Errors that already name their
    /// file (`FileError`, `FileAccessError`) pass through unchanged.
    public static func attributing<T>(to path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as FileError {
            throw error
        } catch let error as FileAccessError {
            throw error
        } catch {
            throw FileError(path: path, underlying: error)
        }
    }
}
