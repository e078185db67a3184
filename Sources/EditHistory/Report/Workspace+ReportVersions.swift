import GRDB

extension Workspace {
    /// Every finished version with what the review report needs, oldest first.
    func reportVersions() throws -> [ReportVersion] {
        let entries = Dictionary(uniqueKeysWithValues: try history().map { ($0.id, $0) })
        let rows = try read { db -> [ReportRow] in
            try Row.fetchAll(db, sql: """
                SELECT r.id, r.source, s.purged, r.mask, r.finalPrompt, d.report AS driftSource, p.report AS driftParent
                FROM requests r JOIN versions v ON v.id = r.id JOIN sources s ON s.hash = r.source
                LEFT JOIN drift d ON d.version = r.id AND d.against = 'source'
                LEFT JOIN drift p ON p.version = r.id AND p.against = 'parent'
                ORDER BY r.id
                """).map { row in
                ReportRow(id: row["id"], source: row["source"], purged: row["purged"], mask: row["mask"], finalPrompt: row["finalPrompt"],
                          driftSource: row["driftSource"], driftParent: row["driftParent"])
            }
        }
        return rows.compactMap { row in
            entries["v\(row.id)"].map { entry in
                ReportVersion(entry: entry, number: row.id, sourceHash: row.source, sourcePurged: row.purged, mask: row.mask,
                              finalPrompt: row.finalPrompt, driftSource: row.driftSource, driftParent: row.driftParent)
            }
        }
    }
}

/// A row of `reportVersions`' query (GRDB rows are not `Sendable`).
private struct ReportRow: Sendable {
    var id: Int
    var source: String
    var purged: Bool
    var mask: String?
    var finalPrompt: String
    var driftSource: String?
    var driftParent: String?
}
