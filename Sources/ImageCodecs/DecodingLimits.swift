public import ImageCore

/// Resource limits checked from the header, before any pixel allocation.
public struct DecodingLimits: Sendable, Hashable {
    /// Which limit was exceeded.
    public enum Kind: String, Sendable, Hashable {
        case pixels, inputBytes, dimension
    }

    /// Maximum width × height, in pixels. Default `PixelBudget.maxPixels` (120 megapixels
    /// unless the program set another).
    public var maxPixels: Int
    /// Maximum size of the encoded input, in bytes. Default 512 MiB.
    public var maxInputBytes: Int
    /// Maximum width or height, in pixels. Default 65,535.
    public var maxDimension: Int

    public init(maxPixels: Int = PixelBudget.maxPixels, maxInputBytes: Int = 512 << 20, maxDimension: Int = 65_535) {
        self.maxPixels = maxPixels
        self.maxInputBytes = maxInputBytes
        self.maxDimension = maxDimension
    }

    /// The defaults, read when asked (the pixel budget may have been set at start).
    public static var `default`: DecodingLimits { DecodingLimits() }

    /// Throws `CodecError.limitExceeded` when the input is too large.
    func checkInput(byteCount: Int) throws(CodecError) {
        if byteCount > maxInputBytes {
            throw .limitExceeded(.inputBytes, limit: maxInputBytes, actual: byteCount, imageSize: nil)
        }
    }

    /// Throws `CodecError.limitExceeded` when a header's size is too large.
    func checkImage(width: Int, height: Int) throws(CodecError) {
        let size = PixelSize(width: width, height: height)
        if max(width, height) > maxDimension {
            throw .limitExceeded(.dimension, limit: maxDimension, actual: max(width, height), imageSize: size)
        }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        if overflow || pixels > maxPixels {
            throw .limitExceeded(.pixels, limit: maxPixels, actual: overflow ? Int.max : pixels, imageSize: size)
        }
    }
}
