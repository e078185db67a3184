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
        return migrator
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
