import Foundation

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

    /// The process's real standard output and error.
    public static let standard = Console(
        out: { FileHandle.standardOutput.write(Data($0.utf8)) },
        error: { FileHandle.standardError.write(Data($0.utf8)) })

    /// The console of the current task.
    @TaskLocal public static var current: Console = .standard
}
