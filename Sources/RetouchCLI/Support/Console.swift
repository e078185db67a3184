#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ImageCodecs

/// Where command output goes. Commands print only through `Console.current`, so tests
/// can capture stdout and stderr by binding a different console for a task.
public struct Console: Sendable {
    private let writeOut: @Sendable (String) -> Void
    private let writeError: @Sendable (String) -> Void

    public init(out: @escaping @Sendable (String) -> Void, error: @escaping @Sendable (String) -> Void) {
        self.writeOut = out
        self.writeError = error
    }

    /// Prints a line to standard output.
    public func print(_ line: String) { writeOut(line + "\n") }

    /// Prints a line to standard error.
    public func printError(_ line: String) { writeError(line + "\n") }

    /// Writes text to standard error as it is (a progress line rewritten with "\r").
    public func printPartialLine(_ text: String) { writeError(text) }

    /// The process's real standard output and error.
    public static let standard = Console(
        out: { writeAll($0, to: STDOUT_FILENO) },
        error: { writeAll($0, to: STDERR_FILENO) })

    /// Writes every byte of `text` to a file descriptor (retrying short writes and EINTR);
    /// a file name's bytes that are not UTF-8 are written as they are.
    private static func writeAll(_ text: String, to descriptor: Int32) {
        FilePath.bytes(of: text).withUnsafeBufferPointer { bytes in
            var written = 0
            while written < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return }
                written += count
            }
        }
    }

    /// The console of the current task.
    @TaskLocal public static var current: Console = .standard
}
