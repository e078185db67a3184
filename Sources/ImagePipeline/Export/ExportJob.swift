public import ImageCodecs
import ImageCore
import ImageOps

/// `retouch export`: frame an image for a channel, encode it with metadata stripped (GPS
/// never kept), and fit a byte limit by searching the quality before shrinking pixels.
public enum ExportJob {
    /// The most shrink steps `maxBytes` may take (each to about 85 % of the area needed).
    static let shrinkSteps = 12

    /// Exports the image in `bytes` to `output`.
    ///
    /// - Parameters:
    ///   - name: the input as the user knows it (for messages).
    ///   - provenance: the metadata of the original upload when `bytes` is a derived
    ///     version (what it carried is reported as removed too).
    /// - Throws: `FileError` naming the input (undecodable) or the output (unencodable);
    ///   `PipelineError.outputTooLarge` when `maxBytes` cannot be met; `OperationError`
    ///   for an impossible frame; `FileAccessError`.
    public static func run(_ bytes: [UInt8], name: String, output: String, options: ExportOptions,
                           provenance: ImageMetadata? = nil) throws -> ExportReport {
        let decoded = try FileError.attributing(to: name) {
            try ImageCodec.decode(bytes, options: DecodingOptions(animation: .firstFrame, colour: options.keepICC ? .keepOriginal : .convertToSRGB))
        }
        var warnings = decoded.warnings
        var pixels = decoded.upright()
        if let channel = options.channel {
            let prepare = PrepareOptions(channel: channel, fit: .crop, gravity: options.gravity, shrinkOnLoad: false)
            let plan = try FileError.attributing(to: name) { try PrepareJob.plan(decoded.metadata, options: prepare) }
            let prepared = try FileError.attributing(to: name) { try PrepareJob.execute(plan, decoded: pixels, options: prepare) }
            warnings += prepared.report.warnings
            pixels = prepared.pixels
        }
        if let background = options.background ?? options.channel?.background, !pixels.isOpaque {
            pixels = pixels.converted(to: .rgba8).composited(over: background)
        }
        var encoding = options.encoding.embedding(iccProfile: options.keepICC ? decoded.metadata.iccProfile : nil)
        let framed = pixels.size

        // The quality first (never below the floor), then smaller pixels.
        var quality = encoding.quality
        var scale = 1.0
        var encoded = try encode(pixels, encoding, quality: quality, output: output)
        if let limit = options.maxBytes, encoded.count > limit {
            // PNG: the strongest compression first.
            if case .png(let png) = encoding, png.filter != .adaptive || png.compressionLevel < 9 {
                encoding = .png(.level(9, iccProfile: png.iccProfile))
                encoded = try encode(pixels, encoding, quality: nil, output: output)
            }
            var step = 0
            while encoded.count > limit {
                if let current = quality, current > options.minimumQuality {
                    let found = try highestFittingQuality(pixels, encoding, below: current, floor: options.minimumQuality, limit: limit, output: output)
                    quality = found.quality
                    encoded = found.bytes
                    if encoded.count <= limit { break }
                }
                guard step < shrinkSteps else {
                    throw PipelineError.byteLimitUnreachable(path: output, bytes: encoded.count, limit: limit,
                                                             tried: "\(pixels.width)x\(pixels.height)" + (quality.map { ", quality \($0)" } ?? ""))
                }
                step += 1
                // Bytes grow about with the area: aim a little under the limit.
                let factor = min(0.9, (Double(limit) / Double(encoded.count)).squareRoot() * 0.95)
                scale *= factor
                let size = PixelSize(width: max(1, Int((Double(framed.width) * scale).rounded())), height: max(1, Int((Double(framed.height) * scale).rounded())))
                pixels = pixels.resized(to: size)
                quality = encoding.quality
                encoded = try encode(pixels, encoding, quality: quality, output: output)
            }
            if scale < 1 {
                warnings.append("shrunk to \(pixels.width)x\(pixels.height) to fit \(limit) bytes at quality ≥ \(options.minimumQuality)")
            }
        }
        try FileAccess.write(encoded, to: output)

        var removed: [String] = []
        if decoded.metadata.iccProfile != nil && !options.keepICC { removed.append("ICC") }
        for metadata in [decoded.metadata, provenance].compactMap({ $0 }) {
            if metadata.hasEXIF && !removed.contains("EXIF") { removed.append("EXIF") }
            if metadata.hasGPS && !removed.contains("GPS") { removed.append("GPS") }
            if metadata.hasXMP && !removed.contains("XMP") { removed.append("XMP") }
            if metadata.hasC2PA && !removed.contains("C2PA") { removed.append("C2PA") }
        }
        if removed.contains("C2PA") {
            warnings.append("the original carried a C2PA manifest (content credentials); this export does not")
        }
        return ExportReport(output: output, format: encoding.format.rawValue, width: pixels.width, height: pixels.height, bytes: encoded.count,
                            quality: quality, scale: Double(pixels.width) / Double(framed.width), channel: options.channel?.id,
                            removed: removed, warnings: warnings)
    }

    /// The highest quality in `floor…below−1` whose file fits `limit` (bisection; sizes
    /// grow with quality), or `floor` when none does, with its file.
    static func highestFittingQuality(_ pixels: PixelBuffer, _ encoding: EncodingOptions, below: Int, floor: Int, limit: Int,
                                      output: String) throws -> (quality: Int, bytes: [UInt8]) {
        var low = floor, high = below - 1
        var best: (quality: Int, bytes: [UInt8])?
        while low <= high {
            let middle = (low + high) / 2
            let bytes = try encode(pixels, encoding, quality: middle, output: output)
            if bytes.count <= limit {
                best = (middle, bytes)
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        return try best ?? (floor, encode(pixels, encoding, quality: floor, output: output))
    }

    static func encode(_ pixels: PixelBuffer, _ encoding: EncodingOptions, quality: Int?, output: String) throws -> [UInt8] {
        try FileError.attributing(to: output) { try ImageCodec.encode(pixels, options: encoding.withQuality(quality)) }
    }
}
