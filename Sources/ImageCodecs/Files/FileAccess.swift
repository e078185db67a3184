#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CFileShims
import Synchronization

/// File I/O for the CLI and the jobs: whole-file reads straight into an array (no intermediate copy),
/// and atomic writes (temporary file in the same folder, fsync, rename).
public enum FileAccess {
    private static let writeSerial = Atomic<Int>(0)

    /// - Throws: `FileAccessError.notARegularFile` for a FIFO, device or socket (never
    ///   read, so never blocking), `.tooLarge` above `limit` bytes (from the size, before
    ///   reading), `.cannotRead` with the system's reason.
    /// `allowStreams`: a FIFO or character device is read (blocking) up to `limit`, for
    /// small inputs a user may give as a pipe (`--api-key-file <(pass show openai)`).
    public static func read(_ path: String, limit: Int = DecodingLimits.default.maxInputBytes, allowStreams: Bool = false) throws(FileAccessError) -> [UInt8] {
        // Non-blocking open: a FIFO with no writer must not hang the open itself.
        let descriptor = FilePath.withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard descriptor >= 0 else { throw .cannotRead(path: path, reason: reason(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .cannotRead(path: path, reason: reason(errno)) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFIFO where allowStreams, S_IFCHR where allowStreams:
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
            info.st_size = 0
        case S_IFDIR: throw .cannotRead(path: path, reason: "is a directory")
        case S_IFIFO: throw .notARegularFile(path: path, kind: "a FIFO (named pipe)")
        case S_IFCHR, S_IFBLK: throw .notARegularFile(path: path, kind: "a device")
        case S_IFSOCK: throw .notARegularFile(path: path, kind: "a socket")
        default: throw .notARegularFile(path: path, kind: "not a regular file")
        }
        let size = Int(info.st_size)
        // The size is known before a byte is read: a huge (or sparse) file is refused whole.
        if size > limit { throw .tooLarge(path: path, bytes: size, limit: limit) }
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            while initialized < size {
                let count = systemRead(descriptor, buffer.baseAddress! + initialized, size - initialized)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { failure = count < 0 ? errno : 0; break }
                initialized += count
            }
        }
        if failure != 0 { throw .cannotRead(path: path, reason: reason(failure)) }
        // A file that grew while being read (or a pipe): read the rest.
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { throw .cannotRead(path: path, reason: reason(errno)) }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { throw .tooLarge(path: path, bytes: bytes.count, limit: limit) }
        }
        return bytes
    }

    /// Writes `bytes` to `path` atomically: a temporary file beside the target (a short
    /// name when the target's is long, so a 255-byte name works), fsync, rename. The
    /// replaced file's permission bits are kept; a symbolic link stays a link (its target
    /// is replaced); a target that exists and is not a regular file (a device such as
    /// /dev/null, a pipe) is written directly, never replaced; so is a file with more than
    /// one hard link (every name keeps seeing the new content; that write is not atomic).
    /// The temporary file is removed when the write fails and, once
    /// `removeTemporaryFilesOnSignals()` was called, on SIGINT/SIGTERM.
    public static func write(_ bytes: [UInt8], to path: String) throws(FileAccessError) {
        var target = path
        var info = stat()
        if FilePath.withCString(path, { lstat($0, &info) }) == 0 && (info.st_mode & S_IFMT) == S_IFLNK,
           let resolved = FilePath.withCString(path, { realpath($0, nil) }) {
            target = FilePath.string(fromCString: resolved)
            free(resolved)
        }
        let exists = FilePath.withCString(target) { stat($0, &info) } == 0
        if exists && ((info.st_mode & S_IFMT) != S_IFREG || info.st_nlink > 1) {
            if (info.st_mode & S_IFMT) == S_IFDIR { throw .cannotWrite(path: path, reason: "is a directory") }
            return try writeDirectly(bytes, to: target, reportedAs: path, truncate: (info.st_mode & S_IFMT) == S_IFREG)
        }
        let directory = FilePath.directory(of: target)
        guard FilePath.isDirectory(directory) else {
            throw .cannotWrite(path: path, reason: "directory \(directory) does not exist")
        }
        // Unique per write, not only per process: two tasks writing the same file at once
        // (a batch storing one blob from two jobs) must not share a temporary file.
        let serial = writeSerial.add(1, ordering: .relaxed).newValue
        let name = FilePath.lastComponent(of: target), suffix = ".retouch-\(getpid())-\(serial).tmp"
        let temporary = directory + "/." + (name.utf8.count + suffix.utf8.count + 1 > 255 ? "" : name) + suffix
        let slot = FilePath.withCString(temporary) { CFileShims_registerTemporary($0) }
        defer { CFileShims_unregisterTemporary(slot) }
        let descriptor = FilePath.withCString(temporary) { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: reason(errno)) }
        if exists { _ = fchmod(descriptor, info.st_mode & 0o7777) }
        var failure = writeAll(bytes, to: descriptor)
        if failure == 0 && fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0 && FilePath.withCString(temporary, { from in FilePath.withCString(target) { rename(from, $0) } }) != 0 { failure = errno }
        if failure != 0 {
            _ = FilePath.withCString(temporary) { unlink($0) }
            throw .cannotWrite(path: path, reason: reason(failure))
        }
    }

    /// Installs SIGINT and SIGTERM handlers that remove the temporary files of writes in
    /// progress and end the process with exit status 130 or 143. For the CLI's start.
    public static func removeTemporaryFilesOnSignals() {
        CFileShims_removeTemporariesOnSignals()
    }

    /// Writes into an existing file in place: a device or a pipe, or (`truncate`) a
    /// regular file with several hard links.
    private static func writeDirectly(_ bytes: [UInt8], to target: String, reportedAs path: String, truncate: Bool = false) throws(FileAccessError) {
        let descriptor = FilePath.withCString(target) { open($0, O_WRONLY | O_CLOEXEC | (truncate ? O_TRUNC : 0)) }
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: reason(errno)) }
        let failure = writeAll(bytes, to: descriptor)
        close(descriptor)
        if failure != 0 { throw .cannotWrite(path: path, reason: reason(failure)) }
    }

    /// 0 when every byte was written, else the errno.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32 {
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let count = systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return errno }
                written += count
            }
            return 0
        }
    }

    public static func createDirectory(_ path: String) throws(FileAccessError) {
        try FilePath.createDirectory(path)
    }

    /// The size in bytes of the file at `path`.
    public static func size(_ path: String) throws(FileAccessError) -> Int {
        var info = stat()
        guard FilePath.withCString(path, { stat($0, &info) }) == 0 else { throw .cannotRead(path: path, reason: reason(errno)) }
        return Int(info.st_size)
    }

    /// Deletes the file at `path`.
    public static func remove(_ path: String) throws(FileAccessError) {
        guard FilePath.withCString(path, { unlink($0) }) == 0 else { throw .cannotWrite(path: path, reason: reason(errno)) }
    }

    private static func reason(_ code: Int32) -> String {
        code == ENOENT ? "no such file" : String(cString: strerror(code))
    }
}

/// read(2) and write(2) under one name on Linux and Darwin.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}
