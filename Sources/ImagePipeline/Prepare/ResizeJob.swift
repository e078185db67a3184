public import ImageCodecs
public import ImageCore
public import ImageOps

/// `retouch resize`: resample an image (upright) to a size.
public enum ResizeJob {
    /// The size wanted.
    public enum Target: Sendable, Hashable {
        /// Exactly this size; the image is cropped centrally to its ratio first.
        case exact(PixelSize)
        /// A width and/or height (at least one); a missing one follows the ratio.
        case edges(width: Int?, height: Int?)
    }

    /// Resizes `input` into `output`; returns the output size and byte count.
    ///
    /// - Throws: `FileAccessError`, or `FileError` naming the input; `OperationError`
    ///   when the size (given or derived from the ratio) is over `OutputLimits`.
    public static func run(input: String, output: String, target: Target, resample: ResampleOptions = .default,
                           shrinkOnLoad: Bool = true, encoding: EncodingOptions) throws -> (size: PixelSize, bytes: Int) {
        let bytes = try FileAccess.read(input)
        let prepared = try FileError.attributing(to: input) {
            let upright = try ImageCodec.readMetadata(bytes).uprightSize
            let size: PixelSize
            switch target {
            case .exact(let exact): size = exact
            case .edges(let width, let height):
                // A derived edge past the limit (a 1×20000 strip to width 1000) is refused, not converted.
                let w = try width ?? derived(Double(height ?? upright.height) * Double(upright.width) / Double(upright.height))
                let h = try height ?? derived(Double(w) * Double(upright.height) / Double(upright.width))
                size = PixelSize(width: w, height: h)
            }
            // An exact size crops centrally to its ratio; edges keep the whole frame.
            var options = PrepareOptions(target: .exact(size), fit: .stretch, resample: resample, shrinkOnLoad: shrinkOnLoad)
            if case .exact = target {
                options.aspect = (size.width, size.height)
                options.fit = .crop
            }
            return try PrepareJob.prepare(bytes, options: options)
        }
        let encoded = try FileError.attributing(to: input) { try ImageCodec.encode(prepared.pixels, options: encoding) }
        try FileAccess.write(encoded, to: output)
        return (prepared.pixels.size, encoded.count)
    }

    /// An edge computed from the ratio, rounded, at least 1.
    static func derived(_ value: Double) throws(OperationError) -> Int {
        guard let edge = OutputLimits.edge(value) else {
            throw .invalidParameter(name: "resize", value: "to an edge of \(value.isFinite ? String(Int(min(value, 9e15).rounded())) : "∞") pixels (from the image's ratio)",
                                    expected: "at most \(OutputLimits.maxDimension) pixels a side")
        }
        return max(1, edge)
    }
}
