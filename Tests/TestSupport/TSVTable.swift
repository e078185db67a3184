public import Foundation

/// A tab-separated table with a header row, as the conformance manifests are written.
public struct TSVTable: Sendable {
    public let columns: [String]
    public let rows: [[String: String]]

    /// Reads `url`; nil when the file does not exist.
    public init?(contentsOf url: URL) {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        guard let header = lines.first else { return nil }
        columns = header
        rows = lines.dropFirst().map { fields in
            var row: [String: String] = [:]
            for (index, column) in header.enumerated() { row[column] = index < fields.count ? fields[index] : "" }
            return row
        }
    }

    /// Rows of `conformance/<relativePath>`, or an empty list when conformance data is absent.
    public static func conformanceRows(_ relativePath: String) -> [[String: String]] {
        guard let root = Paths.conformance,
              let table = TSVTable(contentsOf: root.appendingPathComponent(relativePath)) else { return [] }
        return table.rows
    }
}
