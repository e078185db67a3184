import GRDB

extension Workspace {
    /// Every finished version with what the review report needs, oldest first.
    func reportVersions() throws -> [ReportVersion] {
        let entries = Dictionary(uniqueKeysWithValues: try history().map { ($0.id, $0) })
        return try read { db -> [ReportVersion] in
            try Row.fetchAll(db, sql: """
                SELECT r.id, r.source, s.purged, r.mask, r.finalPrompt, d.report AS driftSource, p.report AS driftParent
                FROM requests r JOIN versions v ON v.id = r.id JOIN sources s ON s.hash = r.source
                LEFT JOIN drift d ON d.version = r.id AND d.against = 'source'
                LEFT JOIN drift p ON p.version = r.id AND p.against = 'parent'
                ORDER BY r.id
                """).compactMap { row in
                let id: Int = row["id"]
                return entries["v\(id)"].map { entry in
                    ReportVersion(entry: entry, number: id, sourceHash: row["source"], sourcePurged: row["purged"], mask: row["mask"],
                                  finalPrompt: row["finalPrompt"], driftSource: row["driftSource"], driftParent: row["driftParent"])
                }
            }
        }
    }
}
