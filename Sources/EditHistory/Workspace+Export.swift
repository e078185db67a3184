import ImageCodecs
public import ImagePipeline

extension Workspace {
    /// Exports version `id` through `ExportJob`; what the original upload carried (EXIF,
    /// GPS, XMP, C2PA) is reported as removed too.
    ///
    /// - Throws: `HistoryError.unknownVersion` (or a version without a result),
    ///   `.blobDamaged`; what `ExportJob.run` throws.
    public func export(_ id: Int, to output: String, options: ExportOptions) throws -> ExportReport {
        let version = try version(id)
        guard let blob = version.blob else {
            throw HistoryError.noResult(version: "v\(id)", status: version.status.rawValue)
        }
        let bytes = try blobs.get(blob)
        let provenance = source(of: version.source).flatMap { try? ImageCodec.readMetadata($0) }
        return try ExportJob.run(bytes, name: "v\(id) (\(version.sourceName))", output: output, options: options, provenance: provenance)
    }
}
