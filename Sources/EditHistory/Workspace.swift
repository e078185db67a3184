#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EditProviders
import GRDB
import ImageCodecs

/// A workspace folder: `blobs/` (content-addressed) and `history.sqlite` (WAL, versioned
/// migrations, a busy timeout so several processes can write). Opening it settles requests
/// left behind by processes that are gone: `interrupted` when they were not yet sent,
/// `unknown` when they were.
public struct Workspace: Sendable {
    /// The workspace folder.
    public var path: String
    public var blobs: BlobStore
    let database: DatabasePool

    /// Opens an existing workspace (commands that only read one: nothing is created).
    ///
    /// - Throws: `HistoryError.noWorkspace` when `path` holds none; what `init(path:)` throws.
    public static func existing(_ path: String) throws -> Workspace {
        guard FilePath.isDirectory(path + "/blobs"), (try? FileAccess.size(path + "/history.sqlite")) != nil else {
            throw HistoryError.noWorkspace(path: path)
        }
        return try Workspace(path: path)
    }

    /// Opens (creating when missing) the workspace at `path`.
    ///
    /// - Throws: `FileAccessError`, `HistoryError.database`.
    public init(path: String) throws {
        self.path = path
        try FileAccess.createDirectory(path + "/blobs")
        blobs = BlobStore(folder: path + "/blobs")
        let file = path + "/history.sqlite"
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(30)
            database = try DatabasePool(path: file, configuration: configuration)
            try Self.migrator.migrate(database)
        } catch let error as DatabaseError {
            throw HistoryError.database(path: file, reason: error.message ?? "\(error)")
        }
        try settleAbandoned()
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE sources (hash TEXT PRIMARY KEY, name TEXT NOT NULL, bytes INTEGER NOT NULL, added REAL NOT NULL);
                CREATE TABLE masks (hash TEXT PRIMARY KEY, bytes INTEGER NOT NULL, added REAL NOT NULL);
                CREATE TABLE requests (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    created REAL NOT NULL,
                    parent INTEGER,
                    source TEXT NOT NULL REFERENCES sources(hash),
                    mask TEXT REFERENCES masks(hash),
                    prompt TEXT NOT NULL,
                    finalPrompt TEXT NOT NULL,
                    invariants TEXT NOT NULL,
                    provider TEXT NOT NULL,
                    model TEXT NOT NULL,
                    quality TEXT,
                    size TEXT,
                    estimateLow REAL,
                    estimateHigh REAL,
                    state TEXT NOT NULL,
                    pid INTEGER NOT NULL);
                CREATE TABLE versions (
                    id INTEGER PRIMARY KEY REFERENCES requests(id),
                    blob TEXT,
                    status TEXT NOT NULL,
                    error TEXT,
                    inputTokens INTEGER,
                    outputTokens INTEGER,
                    actualCost REAL,
                    seconds REAL,
                    attempts INTEGER,
                    responseID TEXT,
                    requestID TEXT,
                    finished REAL NOT NULL);
                CREATE TABLE drift (
                    version INTEGER NOT NULL REFERENCES versions(id),
                    against TEXT NOT NULL,
                    outsideSignificant REAL,
                    outsideChanged REAL,
                    insideChanged REAL,
                    ssim REAL,
                    report TEXT NOT NULL,
                    PRIMARY KEY (version, against));
                """)
        }
        migrator.registerMigration("v2") { db in
            // The image each request edited (NULL: its source), the settings as sent (JSON),
            // and whether the original upload was purged.
            try db.execute(sql: """
                ALTER TABLE requests ADD COLUMN input TEXT;
                ALTER TABLE requests ADD COLUMN settings TEXT;
                ALTER TABLE sources ADD COLUMN purged INTEGER NOT NULL DEFAULT 0;
                """)
        }
        migrator.registerMigration("v3") { db in
            // Batch runs: which request a job made, and the jobs that made no request.
            try db.execute(sql: """
                ALTER TABLE requests ADD COLUMN jobKey TEXT;
                CREATE INDEX requests_jobKey ON requests(jobKey);
                CREATE TABLE batchJobs (key TEXT PRIMARY KEY, op TEXT NOT NULL, output TEXT, finished REAL NOT NULL);
                """)
        }
        return migrator
    }

    /// `v3` or `3` → 3.
    ///
    /// - Throws: `HistoryError.unknownVersion` for anything else.
    public static func versionNumber(_ text: String) throws(HistoryError) -> Int {
        let digits = text.hasPrefix("v") || text.hasPrefix("V") ? String(text.dropFirst()) : text
        guard let id = Int(digits), id > 0 else { throw .unknownVersion(text) }
        return id
    }

    /// The request and version `id`.
    ///
    /// - Throws: `HistoryError.unknownVersion` when there is none (or it is still in flight).
    public func version(_ id: Int) throws -> StoredVersion {
        let found = try read { db -> StoredVersion? in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT r.id, r.parent, r.source, s.name, s.purged, r.input, r.mask, r.prompt, r.invariants, r.provider, r.model,
                       v.status, v.blob, v.responseID, r.settings, r.size, v.error
                FROM requests r JOIN versions v ON v.id = r.id JOIN sources s ON s.hash = r.source WHERE r.id = ?
                """, arguments: [id]) else { return nil }
            let invariants: String = row["invariants"]
            let purged: Bool = row["purged"]
            let source: String = row["source"]
            return StoredVersion(
                id: id, parent: row["parent"], source: source, sourceName: row["name"], sourcePurged: purged,
                input: row["input"] ?? (purged ? nil : source), mask: row["mask"], prompt: row["prompt"],
                invariants: invariants.split(separator: ",").compactMap { Invariant(rawValue: String($0)) },
                provider: row["provider"], model: row["model"], status: VersionStatus(rawValue: row["status"]) ?? .failed,
                blob: row["blob"], responseID: row["responseID"], settings: row["settings"] ?? "", size: row["size"], error: row["error"])
        }
        guard let found else { throw HistoryError.unknownVersion("v\(id)") }
        return found
    }

    /// The bytes of source blob `hash`, unless it was purged (or is damaged).
    func source(of hash: String) -> [UInt8]? {
        let purged = try? read { db in try Bool.fetchOne(db, sql: "SELECT purged FROM sources WHERE hash = ?", arguments: [hash]) }
        guard purged == false else { return nil }
        return try? blobs.get(hash)
    }

    /// What `delete` and `purgeSources` removed.
    public struct Removal: Sendable, Encodable {
        public var versions: [String]
        public var sources: Int
        public var blobs: Int
        public var bytes: Int

        public init(versions: [String], sources: Int, blobs: Int, bytes: Int) {
            self.versions = versions
            self.sources = sources
            self.blobs = blobs
            self.bytes = bytes
        }
    }

    /// Removes version `id` (its request, version and drift rows) and every blob no longer
    /// referenced. Versions made from it keep their own input.
    ///
    /// - Throws: `HistoryError.unknownVersion`, `.database`, `FileAccessError`.
    public func delete(_ id: Int) throws -> Removal {
        let found = try write { db -> Bool in
            guard try Int.fetchOne(db, sql: "SELECT id FROM requests WHERE id = ? AND state = 'done'", arguments: [id]) != nil else { return false }
            try db.execute(sql: "DELETE FROM drift WHERE version = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM versions WHERE id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM requests WHERE id = ?", arguments: [id])
            // A source no request refers to any more goes too.
            try db.execute(sql: "DELETE FROM sources WHERE hash NOT IN (SELECT source FROM requests)")
            try db.execute(sql: "DELETE FROM masks WHERE hash NOT IN (SELECT mask FROM requests WHERE mask IS NOT NULL)")
            return true
        }
        guard found else { throw HistoryError.unknownVersion("v\(id)") }
        var removal = try collectGarbage()
        removal.versions = ["v\(id)"]
        return removal
    }

    /// Removes every original upload (the rows stay, marked purged, so versions still say
    /// where they came from) and every blob no longer referenced. Versions keep their
    /// results; `--from` still works; drift against the source is no longer measured.
    public func purgeSources() throws -> Removal {
        let count = try write { db -> Int in
            try db.execute(sql: "UPDATE sources SET purged = 1 WHERE purged = 0")
            return db.changesCount
        }
        var removal = try collectGarbage()
        removal.sources = count
        return removal
    }

    /// Deletes the blob files nothing refers to: sources not purged, masks, request inputs
    /// and version results.
    func collectGarbage() throws -> Removal {
        let referenced = try read { db -> Set<String> in
            var hashes = Set(try String.fetchAll(db, sql: "SELECT hash FROM sources WHERE purged = 0"))
            hashes.formUnion(try String.fetchAll(db, sql: "SELECT hash FROM masks"))
            hashes.formUnion(try String.fetchAll(db, sql: "SELECT input FROM requests WHERE input IS NOT NULL"))
            hashes.formUnion(try String.fetchAll(db, sql: "SELECT blob FROM versions WHERE blob IS NOT NULL"))
            // Requests still in flight (another process) keep their inputs.
            hashes.formUnion(try String.fetchAll(db, sql: "SELECT source FROM requests WHERE state != 'done'"))
            return hashes
        }
        var removal = Removal(versions: [], sources: 0, blobs: 0, bytes: 0)
        for hash in try blobs.all() where !referenced.contains(hash) {
            removal.bytes += try blobs.remove(hash)
            removal.blobs += 1
        }
        return removal
    }

    /// Requests of processes that are gone, without a version: `interrupted` (not sent)
    /// or `unknown` (sent).
    func settleAbandoned() throws {
        try write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, state, pid FROM requests WHERE state != 'done'")
            for row in rows {
                let pid: Int = row["pid"]
                guard pid != Int(getpid()), kill(pid_t(pid), 0) != 0 && errno == ESRCH else { continue }
                let state: String = row["state"]
                let status: VersionStatus = state == "sending" ? .unknown : .interrupted
                let reason = status == .unknown ? "the process ended after sending the request: it may have been billed" : "the process ended before sending"
                try db.execute(sql: "INSERT OR IGNORE INTO versions (id, status, error, finished) VALUES (?, ?, ?, ?)",
                               arguments: [row["id"] as Int, status.rawValue, reason, WallClock.secondsSince1970()])
                try db.execute(sql: "UPDATE requests SET state = 'done' WHERE id = ?", arguments: [row["id"] as Int])
            }
        }
    }

    /// Runs `updates` in a write transaction, mapping SQLite errors.
    func write<T: Sendable>(_ updates: @Sendable (Database) throws -> T) throws -> T {
        do { return try database.write(updates) } catch let error as DatabaseError {
            throw HistoryError.database(path: path + "/history.sqlite", reason: error.message ?? "\(error)")
        }
    }

    func read<T: Sendable>(_ value: @Sendable (Database) throws -> T) throws -> T {
        do { return try database.read(value) } catch let error as DatabaseError {
            throw HistoryError.database(path: path + "/history.sqlite", reason: error.message ?? "\(error)")
        }
    }

    /// `PRAGMA integrity_check`'s answer ("ok" when sound).
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
    }
}
