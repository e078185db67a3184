#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EditProviders
import ImageCodecs
import Synchronization

/// Ctrl-C during a provider call: the first SIGINT cancels the call (the command then
/// exits 130 with "cancelled"); a second one ends the process at once (exit 130, after
/// removing the temporary files of writes in progress).
enum Interrupt {
    private static let raised = Atomic<Bool>(false)

    /// Clears `raised` and sets it on the next SIGINT (after which a second one ends the
    /// process).
    private static func watchSIGINT() {
        raised.store(false, ordering: .relaxed)
        signal(SIGINT) { _ in
            Interrupt.raised.store(true, ordering: .relaxed)
            FileAccess.removeTemporaryFilesOnSignals()
        }
    }

    /// Runs `body`; a SIGINT while it runs cancels it. With `progress` (a label), a line
    /// on a terminal's stderr shows the time waited, rewritten every second, and is
    /// cleared at the end.
    ///
    /// - Throws: what `body` throws; `EditProviderError.cancelled` after a SIGINT.
    static func cancellingOnSIGINT<T: Sendable>(progress: String? = nil, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        watchSIGINT()
        defer { FileAccess.removeTemporaryFilesOnSignals() }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            let showProgress = progress != nil && isatty(STDERR_FILENO) == 1
            group.addTask {
                let clock = ContinuousClock(), start = clock.now
                var shown = -1
                while !Interrupt.raised.load(ordering: .relaxed) {
                    try await Task.sleep(for: .milliseconds(100))
                    let seconds = Int((clock.now - start).components.seconds)
                    if showProgress, let progress, seconds != shown {
                        shown = seconds
                        Console.current.printPartialLine("\r\(progress): waiting \(seconds) s (Ctrl-C cancels)")
                    }
                }
                return nil
            }
            defer { if showProgress { Console.current.printPartialLine("\r\u{1B}[K") } }
            // Whichever ends first: the call (its value), or the watcher (interrupted: the
            // call is cancelled on the way out).
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw EditProviderError.cancelled }
            return value
        }
    }

    /// Runs `body`; a SIGINT while it runs cancels it, and its value (which must account
    /// for the cancellation) is still returned, with whether a SIGINT came.
    static func returningOnSIGINT<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> (value: T, interrupted: Bool) {
        watchSIGINT()
        defer { FileAccess.removeTemporaryFilesOnSignals() }
        let value = await withTaskGroup(of: T?.self) { group -> T in
            group.addTask { await body() }
            group.addTask {
                while !Interrupt.raised.load(ordering: .relaxed) && !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(100))
                }
                return nil
            }
            var result: T?
            while let next = await group.next() {
                if let value = next {
                    result = value
                    group.cancelAll()   // the watcher
                } else {
                    group.cancelAll()   // interrupted: the body winds down and returns
                }
            }
            return result!
        }
        return (value, raised.load(ordering: .relaxed))
    }
}
