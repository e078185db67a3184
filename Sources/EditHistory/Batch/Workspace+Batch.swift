import EditProviders
import GRDB

extension Workspace {
    /// What a batch job left in the workspace.
    enum JobRecord: Sendable {
        /// Nothing yet.
        case none
        /// Its request is being sent by a process that is still running.
        case inFlight
        /// Its latest request and version.
        case version(StoredVersion)
        /// A job without a request (prepare, cutout, diff, export) that finished.
        case finished(output: String?)
    }

    func jobRecord(_ key: String) throws -> JobRecord {
        let found = try read { db -> (request: Int?, hasVersion: Bool, finished: Bool, output: String?) in
            let request = try Row.fetchOne(db, sql: """
                SELECT r.id, v.id AS version FROM requests r LEFT JOIN versions v ON v.id = r.id
                WHERE r.jobKey = ? ORDER BY r.id DESC LIMIT 1
                """, arguments: [key])
            let job = try Row.fetchOne(db, sql: "SELECT output FROM batchJobs WHERE key = ?", arguments: [key])
            return (request?["id"], (request?["version"] as Int?) != nil, job != nil, job?["output"])
        }
        if let id = found.request {
            return found.hasVersion ? .version(try version(id)) : .inFlight
        }
        return found.finished ? .finished(output: found.output) : .none
    }

    func markJobFinished(_ key: String, operation: String, output: String?) throws {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO batchJobs (key, op, output, finished) VALUES (?, ?, ?, ?)",
                           arguments: [key, operation, output, WallClock.secondsSince1970()])
        }
    }
}
