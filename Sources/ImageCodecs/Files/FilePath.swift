#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Path strings taken apart the POSIX way ("/" separators), and the few directory
/// calls the CLI needs, without Foundation (its ICU data costs start-up time).
public enum FilePath {
    /// `a/b/c.png` → `a/b`; `c.png` → `.`; `/c.png` → `/`.
    public static func directory(of path: String) -> String {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// `a/b/c.png` → `c.png`.
    public static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `c.png` → `png`; `archive.tar.gz` → `gz`; `.profile` and `README` → "".
    public static func pathExtension(of path: String) -> String {
        let name = lastComponent(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// `a/b/c.png` → `a/b/c`.
    public static func deletingExtension(of path: String) -> String {
        let ext = pathExtension(of: path)
        return ext.isEmpty ? path : String(path.dropLast(ext.count + 1))
    }

    /// Whether `path` names an existing directory.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return withCString(path) { stat($0, &info) } == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether `path` names an existing regular file (symbolic links followed).
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return withCString(path) { stat($0, &info) } == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Whether `path` exists (any kind of file; symbolic links followed).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return withCString(path) { stat($0, &info) } == 0
    }

    /// Whether `a` and `b` name the same file: the same device and inode when both exist
    /// (so links and `./x` vs `x` are caught), otherwise the same path once each
    /// one's directory is resolved.
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var infoA = stat(), infoB = stat()
        let existsA = withCString(a) { stat($0, &infoA) } == 0, existsB = withCString(b) { stat($0, &infoB) } == 0
        if existsA && existsB { return infoA.st_dev == infoB.st_dev && infoA.st_ino == infoB.st_ino }
        if existsA != existsB { return false }
        func resolved(_ path: String) -> String {
            guard let real = withCString(directory(of: path), { realpath($0, nil) }) else { return path }
            defer { free(real) }
            return string(fromCString: real) + "/" + lastComponent(of: path)
        }
        return resolved(a) == resolved(b)
    }

    /// The names in a directory (without `.` and `..`), unsorted.
    public static func contents(ofDirectory path: String) throws(FileAccessError) -> [String] {
        guard let directory = withCString(path, { opendir($0) }) else { throw .cannotRead(path: path, reason: String(cString: strerror(errno))) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                string(fromBytes: raw.prefix { $0 != 0 })
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Creates `path` and any missing parents (mode 0755); succeeds when it exists.
    public static func createDirectory(_ path: String) throws(FileAccessError) {
        if isDirectory(path) { return }
        let parent = directory(of: path)
        if parent != path && parent != "." && parent != "/" { try createDirectory(parent) }
        if withCString(path, { mkdir($0, 0o755) }) != 0 && errno != EEXIST {
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        guard isDirectory(path) else { throw .cannotWrite(path: path, reason: "exists and is not a directory") }
    }
}
