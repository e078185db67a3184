public import ImageCore

/// A data-dependent parameter problem in an image operation: what was asked, what the
/// limit is, and what would work instead.
public enum OperationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A rectangle does not lie inside the image.
    case rectOutsideImage(PixelRect, imageSize: PixelSize)
    /// A size is not allowed; `suggestions` lists the nearest valid sizes.
    case sizeNotAllowed(PixelSize, rule: String, suggestions: [PixelSize])
    /// The source's aspect ratio cannot be reached within the rules by cropping.
    case aspectOutOfRange(sourceRatio: Double, maximumRatio: Double, rule: String)
    /// A parameter is outside its range.
    case invalidParameter(name: String, value: String, expected: String)
    /// A mask shape lies entirely outside the image (`shape` names it as given).
    case shapeOutsideImage(shape: String, imageSize: PixelSize)
    /// Two inputs that must have the same size do not: `what` is `size`, `of` is
    /// `expected` (e.g. "the mask", "the image"); `advice` says how to proceed.
    case sizeMismatch(what: String, size: PixelSize, expected: PixelSize, of: String, advice: String? = nil)
    /// A trim found nothing to keep (every pixel below the alpha threshold).
    case nothingToTrim(reason: String)
    /// An image the operation would make is over `OutputLimits` (checked before allocating).
    case outputTooLarge(what: String, width: Int, height: Int, maxPixels: Int, maxDimension: Int)

    public var description: String {
        switch self {
        case .rectOutsideImage(let rect, let size):
            return "rectangle \(rect) is not inside the \(size) image"
        case .sizeNotAllowed(let size, let rule, let suggestions):
            let nearest = suggestions.isEmpty ? "" : "; nearest valid sizes: " + suggestions.map { "\($0.width)x\($0.height)" }.joined(separator: ", ")
            return "size \(size.width)x\(size.height) is not allowed: \(rule)\(nearest)"
        case .aspectOutOfRange(let source, let maximum, let rule):
            return "the image's aspect ratio \(Self.ratio(source)):1 exceeds the maximum \(Self.ratio(maximum)):1 (\(rule)); pad it (fit pad) or crop it to a narrower aspect first"
        case .invalidParameter(let name, let value, let expected):
            return "invalid \(name) \(value): expected \(expected)"
        case .shapeOutsideImage(let shape, let size):
            return "shape \(shape) lies entirely outside the \(size.width)x\(size.height) image"
        case .sizeMismatch(let what, let size, let expected, let other, let advice):
            return "\(what) is \(size.width)x\(size.height) but \(other) is \(expected.width)x\(expected.height)" + (advice.map { "; " + $0 } ?? "")
        case .nothingToTrim(let reason):
            return "nothing left to trim to: \(reason)"
        case .outputTooLarge(let what, let width, let height, let maxPixels, let maxDimension):
            return "\(what) would be \(width)x\(height), over the output limit (at most \(maxDimension) pixels a side and \(maxPixels % 1_000_000 == 0 ? "\(maxPixels / 1_000_000) megapixels" : "\(maxPixels) pixels"))"
        }
    }

    private static func ratio(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
