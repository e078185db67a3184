import GRDB

/// One version as `retouch history` lists it. Encodes as `--json`.
public struct HistoryEntry: Sendable, Encodable {
    /// `v3`, and the version it was made from (nil: the source).
    public var id: String
    public var parent: String?
    /// Seconds since 1970 when the request was made.
    public var created: Double
    public var source: String
    public var provider: String
    public var model: String
    public var quality: String?
    public var size: String?
    /// The user's prompt (without the invariant sentences) and the chips.
    public var prompt: String
    public var invariants: [String]
    public var status: VersionStatus
    public var error: String?
    public var estimateLow: Double?
    public var estimateHigh: Double?
    public var actualCost: Double?
    /// Drift against the source: significant change outside the mask, changed fraction
    /// outside and inside, SSIM.
    public var outsideSignificant: Double?
    public var outsideChanged: Double?
    public var insideChanged: Double?
    public var ssim: Double?
    /// Significant change outside the mask against the parent version (nil for a first
    /// round).
    public var parentOutsideSignificant: Double?
    /// The settings as sent ("quality=high size=1024x1024").
    public var settings: String?
    /// Seconds the provider took, and attempts.
    public var seconds: Double?
    public var attempts: Int?
    /// The result's blob (nil when there is none).
    public var blob: String?
}

extension Workspace {
    /// Every version, oldest first (requests still in flight in other processes are left
    /// out).
    public func history() throws -> [HistoryEntry] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.id, r.parent, r.created, s.name, r.provider, r.model, r.quality, r.size, r.prompt, r.invariants,
                       r.estimateLow, r.estimateHigh, v.status, v.error, v.actualCost, v.blob,
                       d.outsideSignificant, d.outsideChanged, d.insideChanged, d.ssim, p.outsideSignificant AS parentSignificant,
                       r.settings, v.seconds, v.attempts
                FROM requests r JOIN versions v ON v.id = r.id JOIN sources s ON s.hash = r.source
                LEFT JOIN drift d ON d.version = r.id AND d.against = 'source'
                LEFT JOIN drift p ON p.version = r.id AND p.against = 'parent'
                ORDER BY r.id
                """)
            return rows.map { row in
                let invariants: String = row["invariants"]
                let status: String = row["status"]
                return HistoryEntry(
                    id: "v\(row["id"] as Int)", parent: (row["parent"] as Int?).map { "v\($0)" }, created: row["created"], source: row["name"],
                    provider: row["provider"], model: row["model"], quality: row["quality"], size: row["size"], prompt: row["prompt"],
                    invariants: invariants.isEmpty ? [] : invariants.split(separator: ",").map(String.init),
                    status: VersionStatus(rawValue: status) ?? .failed, error: row["error"], estimateLow: row["estimateLow"],
                    estimateHigh: row["estimateHigh"], actualCost: row["actualCost"], outsideSignificant: row["outsideSignificant"],
                    outsideChanged: row["outsideChanged"], insideChanged: row["insideChanged"], ssim: row["ssim"],
                    parentOutsideSignificant: row["parentSignificant"], settings: row["settings"], seconds: row["seconds"],
                    attempts: row["attempts"], blob: row["blob"])
            }
        }
    }
}
