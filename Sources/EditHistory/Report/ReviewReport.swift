import Foundation
import ImageCodecs
import ImageCore
import ImageOps
import ImagePipeline

/// `retouch report`: one self-contained HTML file of a workspace (no network: images are
/// data URLs, and the page's content security policy forbids loading anything else): the
/// versions as a timeline with prompts, settings, costs and statuses; a before/after
/// slider between any two images; the drift heatmap and the mask outline as toggles; the
/// drift metrics as a table.
public enum ReviewReport {
    /// What was written.
    public struct Summary: Sendable, Encodable {
        public var output: String
        public var versions: Int
        public var images: Int
        public var bytes: Int
    }

    /// Writes the report of `workspace` to `output`. Images are shown at most
    /// `displayEdge` pixels on their long edge (JPEG q85 when opaque, PNG otherwise); the
    /// metrics are the stored full-resolution ones.
    ///
    /// - Throws: `HistoryError`, `FileAccessError`.
    public static func write(_ workspace: Workspace, to output: String, displayEdge: Int = 1024, title: String? = nil) throws -> Summary {
        let versions = try workspace.reportVersions()
        var images: [(String, JSONValue)] = []
        var displayed: [String: PixelBuffer] = [:]   // image key → display pixels (for heatmaps)
        var warnings: [String] = []

        func add(_ key: String, label: String, bytes: [UInt8]) -> PixelBuffer? {
            guard let decoded = try? ImageCodec.decode(bytes, options: DecodingOptions(animation: .firstFrame)) else {
                warnings.append("\(label): the stored image does not decode")
                return nil
            }
            let pixels = decoded.upright()
            let shown = display(pixels, edge: displayEdge)
            displayed[key] = shown
            images.append((key, .object([
                ("label", .string(label)), ("src", .string(dataURL(shown))),
                ("width", .int(pixels.width)), ("height", .int(pixels.height)),
            ])))
            return pixels
        }

        // Sources first (one per original upload), then every version with a result.
        var sourceSizes: [String: PixelSize] = [:]
        for version in versions where sourceSizes[version.sourceHash] == nil {
            let key = "s-" + version.sourceHash.prefix(12)
            guard !version.sourcePurged, let bytes = try? workspace.blobs.get(version.sourceHash),
                  let pixels = add(key, label: "source: \(version.entry.source)", bytes: bytes) else {
                sourceSizes[version.sourceHash] = PixelSize(width: 0, height: 0)
                continue
            }
            sourceSizes[version.sourceHash] = pixels.size
        }
        var rows: [JSONValue] = []
        var total = (estimated: 0.0, actual: 0.0)
        for version in versions {
            let e = version.entry
            total.estimated += e.estimateHigh ?? 0
            total.actual += e.actualCost ?? 0
            let sourceKey = "s-" + version.sourceHash.prefix(12)
            var heatmap: JSONValue = .null, outline: JSONValue = .null, imageKey: JSONValue = .null
            if let blob = e.blob, let bytes = try? workspace.blobs.get(blob), let full = add(e.id, label: "\(e.id): \(shortened(e.prompt, 40))", bytes: bytes) {
                imageKey = .string(e.id)
                let shown = displayed[e.id]!
                // The heatmap against the source, at display size, when both share a grid.
                if let source = displayed[sourceKey], sourceSizes[version.sourceHash] == full.size, source.size == shown.size {
                    heatmap = .string(dataURL(DiffPictures.heatmapOverlay(deltaE: ImageComparison.deltaE(source, shown), size: shown.size)))
                }
                if let mask = version.mask, let read = try? MaskImport.read(workspace.blobs.path(mask)).mask {
                    let coverage = read.size == shown.size ? read : Mask(resizing: read, to: shown.size)
                    outline = .string(dataURL(DiffPictures.outlineOverlay(coverage, thickness: max(2, shown.width / 300))))
                }
            }
            rows.append(.object([
                ("id", .string(e.id)), ("parent", e.parent.map(JSONValue.string) ?? .null),
                ("sourceKey", displayed[sourceKey] == nil ? .null : .string(sourceKey)), ("source", .string(e.source)),
                ("created", .string(timestamp(e.created))), ("status", .string(e.status.rawValue)),
                ("provider", .string(e.provider)), ("model", .string(e.model)), ("settings", .string(e.settings ?? "")),
                ("prompt", .string(e.prompt)), ("finalPrompt", .string(version.finalPrompt)),
                ("invariants", .array(e.invariants.map(JSONValue.string))),
                ("estimateLow", number(e.estimateLow)), ("estimateHigh", number(e.estimateHigh)), ("actualCost", number(e.actualCost)),
                ("seconds", number(e.seconds)), ("error", e.error.map(JSONValue.string) ?? .null),
                ("image", imageKey), ("heatmap", heatmap), ("maskOutline", outline),
                ("driftSource", version.driftSource.map(JSONValue.string) ?? .null),
                ("driftParent", version.driftParent.map(JSONValue.string) ?? .null),
            ]))
        }
        let document: JSONValue = .object([
            ("title", .string(title ?? "Retouch review — \(workspace.path)")),
            ("generated", .string(timestamp(Date().timeIntervalSince1970))),
            ("workspace", .string(workspace.path)),
            ("estimated", .double(total.estimated)), ("actual", .double(total.actual)),
            ("warnings", .array(warnings.map(JSONValue.string))),
            ("images", .object(images)), ("versions", .array(rows)),
        ])
        // "</" cannot end the script element early once escaped.
        let json = document.rendered().replacingOccurrences(of: "</", with: "<\\/")
        let html = page(title: title ?? "Retouch review", data: json)
        let bytes = Array(html.utf8)
        try FileAccess.write(bytes, to: output)
        return Summary(output: output, versions: versions.count, images: images.count, bytes: bytes.count)
    }

    /// `pixels` scaled to fit `edge` on its long side (never enlarged).
    static func display(_ pixels: PixelBuffer, edge: Int) -> PixelBuffer {
        let long = max(pixels.width, pixels.height)
        guard long > edge else { return pixels }
        let scale = Double(edge) / Double(long)
        return pixels.resized(to: PixelSize(width: max(1, Int((Double(pixels.width) * scale).rounded())),
                                            height: max(1, Int((Double(pixels.height) * scale).rounded()))))
    }

    /// A data URL: JPEG q85 when opaque, PNG otherwise.
    static func dataURL(_ pixels: PixelBuffer) -> String {
        let opaque = pixels.isOpaque
        let bytes = (try? ImageCodec.encode(pixels, options: opaque ? .jpeg(JPEGEncodingOptions(quality: 85)) : .png(.default))) ?? []
        return "data:image/\(opaque ? "jpeg" : "png");base64," + Data(bytes).base64EncodedString()
    }

    static func number(_ value: Double?) -> JSONValue { value.map(JSONValue.double) ?? .null }

    static func shortened(_ text: String, _ length: Int) -> String {
        text.count > length ? String(text.prefix(length - 1)) + "…" : text
    }

    /// "2026-12-05 19:53 UTC".
    static func timestamp(_ seconds: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
