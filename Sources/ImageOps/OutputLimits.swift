public import ImageCore

/// The largest image an operation makes, checked before anything is allocated: the
/// same bounds as decoding (`DecodingLimits`' defaults), so no output is larger than an
/// input could be.
public enum OutputLimits {
    /// Largest width × height, in pixels: `PixelBudget.maxPixels` (120 megapixels, 480 MB
    /// as RGBA8, unless the program set another).
    public static var maxPixels: Int { PixelBudget.maxPixels }
    /// Largest width or height, in pixels.
    public static let maxDimension = 65_535

    /// - Throws: `OperationError.outputTooLarge` naming `what` when `width` × `height`
    ///   (any integers, overflow included) is over a limit or not positive.
    public static func check(width: Int, height: Int, what: String) throws(OperationError) {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard width >= 1, height >= 1, width <= maxDimension, height <= maxDimension, !overflow, pixels <= maxPixels else {
            throw .outputTooLarge(what: what, width: width, height: height, maxPixels: maxPixels, maxDimension: maxDimension)
        }
    }

    /// `check(width:height:what:)` for a size.
    public static func check(_ size: PixelSize, what: String) throws(OperationError) {
        try check(width: size.width, height: size.height, what: what)
    }

    /// An edge length from a Double (a scale, a margin): nil when it is not finite or is
    /// beyond `maxDimension`, so no trapping conversion to Int happens.
    public static func edge(_ value: Double) -> Int? {
        guard value.isFinite, value >= 0, value <= Double(maxDimension) else { return nil }
        return Int(value.rounded())
    }
}
