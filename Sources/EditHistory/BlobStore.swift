import ImageCodecs

/// Files stored by the SHA-256 of their content under `blobs/ab/cdef…`: written once
/// (temporary file in the same folder, fsync, rename), never changed.
public struct BlobStore: Sendable {
    /// The `blobs` folder.
    public var folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// Stores `bytes` (a no-op when the content is there already); returns its address.
    ///
    /// - Throws: `FileAccessError`.
    @discardableResult
    public func put(_ bytes: [UInt8]) throws -> String {
        let hash = SHA256.hex(bytes)
        let path = self.path(hash)
        // Already stored (its size checked; the content is what the address says).
        if (try? FileAccess.size(path)) == bytes.count { return hash }
        try FileAccess.createDirectory(FilePath.directory(of: path))
        try FileAccess.write(bytes, to: path)
        return hash
    }

    /// The bytes at `hash`, checked against it.
    ///
    /// - Throws: `HistoryError.blobDamaged` when missing or not matching.
    public func get(_ hash: String) throws -> [UInt8] {
        guard let bytes = try? FileAccess.read(path(hash)) else { throw HistoryError.blobDamaged(hash: hash, reason: "missing") }
        guard SHA256.hex(bytes) == hash else { throw HistoryError.blobDamaged(hash: hash, reason: "its content does not match its address") }
        return bytes
    }

    /// Every stored address.
    ///
    /// - Throws: `FileAccessError` when the folder cannot be listed.
    public func all() throws -> [String] {
        var hashes: [String] = []
        for prefix in try FilePath.contents(ofDirectory: folder) where prefix.count == 2 {
            for rest in try FilePath.contents(ofDirectory: folder + "/" + prefix) where rest.count == 62 { hashes.append(prefix + rest) }
        }
        return hashes.sorted()
    }

    /// Deletes the blob at `hash`; returns its size in bytes (0 when it was not there).
    ///
    /// - Throws: `FileAccessError` when it cannot be removed.
    @discardableResult
    public func remove(_ hash: String) throws -> Int {
        let path = self.path(hash)
        guard let size = try? FileAccess.size(path) else { return 0 }
        try FileAccess.remove(path)
        return size
    }

    /// Where `hash` lives.
    public func path(_ hash: String) -> String {
        folder + "/" + String(hash.prefix(2)) + "/" + String(hash.dropFirst(2))
    }
}
