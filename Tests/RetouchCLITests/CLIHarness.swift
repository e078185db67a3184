import Foundation
import ImageCodecs
import RetouchCLI
import Synchronization
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// What one in-process or out-of-process `retouch` run printed, and its exit status.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `retouch` in process with a capturing console.
func runInProcess(_ arguments: [String]) async -> CLIResult {
    let out = Mutex(""), err = Mutex("")
    let console = Console(out: { text in out.withLock { $0 += text } }, error: { text in err.withLock { $0 += text } })
    let status = await Console.$current.withValue(console) {
        await RetouchMain.run(arguments: arguments)
    }
    return CLIResult(status: status, stdout: out.withLock { $0 }, stderr: err.withLock { $0 })
}

/// The built `retouch` binary beside the test bundle.
var retouchBinary: URL {
    get throws {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
        ]
        for directory in candidates {
            let url = directory.appendingPathComponent("retouch")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw FileAccessError.cannotRead(path: "retouch", reason: "binary not found beside the tests (run swift build first)")
    }
}

/// A `retouch` process started by a test, its output going to files in `directory`.
struct SpawnedBinary {
    let pid: pid_t
    let directory: URL

    func signal(_ signal: Int32) { kill(pid, signal) }

    /// Waits for the process; its status (128 + signal when killed) and output.
    func wait() -> CLIResult {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return result(status)
    }

    func result(_ status: Int32) -> CLIResult {
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let stdout = (try? String(contentsOfFile: directory.appendingPathComponent("stdout").path, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: directory.appendingPathComponent("stderr").path, encoding: .utf8)) ?? ""
        return CLIResult(status: exitStatus, stdout: stdout, stderr: stderr)
    }
}

/// Starts the built binary with `arguments` (and `extra` in its environment); its
/// standard output and error go to `directory`.
func spawnBinary(_ arguments: [String], environment extra: [String: String] = [:], outputIn directory: URL) throws -> SpawnedBinary {
    try spawnBinary(bytes: arguments.map { Array($0.utf8) }, environment: extra, outputIn: directory)
}

/// Starts the built binary with arguments given as raw bytes (any encoding).
func spawnBinary(bytes arguments: [[UInt8]], environment extra: [String: String] = [:], outputIn directory: URL) throws -> SpawnedBinary {
    let binary = try retouchBinary
    let outPath = directory.appendingPathComponent("stdout").path, errPath = directory.appendingPathComponent("stderr").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv = ([Array(binary.path.utf8)] + arguments).map { bytes -> UnsafeMutablePointer<CChar>? in
        let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
        for (index, byte) in bytes.enumerated() { copy[index] = CChar(bitPattern: byte) }
        copy[bytes.count] = 0
        return copy
    } + [nil]
    defer { argv.forEach { $0?.deallocate() } }
    var pid: pid_t = 0
    var inherited: [String] = []
    var entry = environ
    while let pointer = entry.pointee {
        let text = String(cString: pointer)
        if !extra.keys.contains(where: { text.hasPrefix($0 + "=") }) { inherited.append(text) }
        entry += 1
    }
    let envp = (inherited + extra.map { "\($0.key)=\($0.value)" }).map { strdup($0) } + [nil]
    defer { envp.forEach { free($0) } }
    let spawned = posix_spawn(&pid, binary.path, &actions, nil, argv, envp)
    guard spawned == 0 else { throw FileAccessError.cannotRead(path: binary.path, reason: "posix_spawn failed: \(spawned)") }
    return SpawnedBinary(pid: pid, directory: directory)
}

/// Runs the built binary; returns its output, status and peak resident memory in bytes
/// (0 when the process ended before it could be sampled).
func runBinary(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (CLIResult, peakRSS: Int) {
    let binary = try retouchBinary
    return try withTemporaryDirectory { directory in
        let child = try spawnBinary(arguments, environment: extra, outputIn: directory)
        let pid = child.pid
        // Peak memory: the child's own VmHWM, sampled from /proc after its exec. (wait4's
        // ru_maxrss is no good here: posix_spawn clones with CLONE_VM, and at exec Linux
        // folds the parent's high-water mark into the child's.)
        var peak = 0
        var status: Int32 = 0
        while true {
            if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe"),
               exe == binary.resolvingSymlinksInPath().path,
               let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
               let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") {
                peak = max(peak, kilobytes * 1024)
            }
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped == -1 && errno != EINTR { break }
            usleep(500)
        }
        return (child.result(status), peak)
    }
}
