import ImageCodecs
import ImageCore
import ImageOps

/// `retouch diff`: how far B drifted from A, where, and whether it is within budget.
public enum CompareJob {
    /// Compares the two images (inside and outside the mask when there is one), writes the
    /// pictures asked for, and checks the budgets.
    ///
    /// - Throws: `FileAccessError`; `FileError` naming the file at fault; `OperationError`
    ///   for images of different sizes (without `resizeB`); `PipelineError` for a budget
    ///   on a metric the report does not have.
    public static func run(_ options: CompareJobOptions) throws -> CompareReport {
        let (imageA, imageB, mask, warnings) = try load(options)
        let comparison = ImageComparison.compare(imageA, imageB, mask: mask, options: options.comparison)
        if options.heatmapPath != nil || options.sideBySidePath != nil {
            let picture = DiffPictures.heatmap(comparison, a: imageA, mask: mask, scale: options.heatmapScale)
            if let path = options.heatmapPath { try FileAccess.write(try ImageCodec.encode(picture, options: .png(.default)), to: path) }
            if let path = options.sideBySidePath {
                let combined = DiffPictures.sideBySide(a: imageA, b: imageB, heatmap: picture)
                try FileAccess.write(try ImageCodec.encode(combined, options: .png(.default)), to: path)
            }
        }
        if let path = options.diffImagePath {
            let picture = Pixelmatch.compare(imageA, imageB, options: options.comparison.pixelmatch, picture: true).picture!
            try FileAccess.write(try ImageCodec.encode(picture, options: pictureEncoding), to: path)
        }
        var report = CompareReport(a: options.aPath, b: options.bPath, comparison: comparison, violations: [])
        report.warnings = warnings
        for budget in options.budgets {
            let actual = try budget.metric.value(in: report)
            if budget.isViolated(by: actual) { report.violations.append(budget.describe(actual: actual)) }
        }
        return report
    }

    /// Only pixelmatch's picture of A against B, written to `options.diffImagePath`: the
    /// fast path for screenshots. Returns the mismatched pixel count. The picture is drawn
    /// over A's storage and filtered there by the encoder.
    public static func writePixelmatchPicture(_ options: CompareJobOptions) throws -> Int {
        guard let path = options.diffImagePath else {
            throw OperationError.invalidParameter(name: "diff image path", value: "none", expected: "a PNG path")
        }
        var (first, second, _, _) = try load(options, readMask: false)
        var result = Pixelmatch.compare(consume first, second, options: options.comparison.pixelmatch, picture: true)
        second = PixelBuffer(width: 1, height: 1, format: .gray8)
        // Taken out of the result, so the encoder owns the picture's storage.
        try FileAccess.write(try ImageCodec.encode(result.picture.take()!, options: pictureEncoding), to: path)
        return result.mismatched
    }

    /// pixelmatch pictures: RGB, a palette when they have at most 256 colours.
    static let pictureEncoding = EncodingOptions.png(PNGEncodingOptions(reduceChannels: false, palette: true))

    /// Both images upright (opaque colour images stay RGB8: no metric reads alpha that is
    /// not there), B resampled onto A when asked, and the mask.
    static func load(_ options: CompareJobOptions, readMask: Bool = true) throws -> (PixelBuffer, PixelBuffer, Mask?, warnings: [String]) {
        var warnings: [String] = []
        let decoding = DecodingOptions(animation: .firstFrame, keepRGB: true)
        let bytesA = try FileAccess.read(options.aPath)
        let imageA = try FileError.attributing(to: options.aPath) { try ImageCodec.decode(bytesA, options: decoding).upright() }
        let bytesB = try FileAccess.read(options.bPath)
        var imageB = try FileError.attributing(to: options.bPath) { try ImageCodec.decode(bytesB, options: decoding).upright() }
        if imageB.size != imageA.size {
            guard options.resizeB else {
                throw OperationError.sizeMismatch(what: options.aPath, size: imageA.size, expected: imageB.size, of: options.bPath,
                                                  advice: "pass --resize-b to resample B onto A")
            }
            let ratioA = Double(imageA.width) / Double(imageA.height), ratioB = Double(imageB.width) / Double(imageB.height)
            let skew = abs(ratioB / ratioA - 1)
            if skew > 0.01 {
                warnings.append("--resize-b stretched B from \(imageB.width)x\(imageB.height) to A's \(imageA.width)x\(imageA.height): their aspect ratios differ by \(Int((skew * 100).rounded())) %, so B is distorted and the metrics compare misplaced pixels (crop B to A's ratio first)")
            }
            imageB = imageB.resized(to: imageA.size)
        }
        var mask: Mask?
        if readMask, let path = options.maskPath {
            let coverage = try MaskImport.read(path, channel: options.maskChannel).mask
            guard coverage.size == imageA.size else {
                throw FileError(path: path, underlying: OperationError.sizeMismatch(
                    what: "the mask", size: coverage.size, expected: imageA.size, of: "image A"))
            }
            mask = coverage
        }
        return (imageA, imageB, mask, warnings)
    }
}
