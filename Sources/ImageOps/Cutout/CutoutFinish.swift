public import ImageCore

/// The finishing steps after the backdrop is gone, in a fixed order: trim to the subject,
/// pad, place on a canvas, fill the background.
public struct CutoutFinish: Sendable {
    /// A margin: pixels, or a percentage (0…∞) of the trimmed subject's longer side.
    public enum Margin: Sendable, Hashable {
        case pixels(Int)
        case percentOfLongSide(Double)

        /// The margin in pixels for a subject whose longer side is `longSide`.
        public func pixels(longSide: Int) -> Int {
            switch self {
            case .pixels(let n): n
            case .percentOfLongSide(let p): Int((p / 100 * Double(longSide)).rounded())
            }
        }
    }

    /// Crop to the subject (alpha ≥ 8). Implied by `pad`.
    public var trim: Bool
    public var pad: Margin?
    /// Canvas size, and where the subject goes on it (fractions 0…1 each way).
    public var canvas: PixelSize?
    public var anchor: (x: Double, y: Double)
    /// Composite onto this colour instead of keeping transparency.
    public var fill: RGB8?

    public init(trim: Bool = false, pad: Margin? = nil, canvas: PixelSize? = nil, anchor: (x: Double, y: Double) = (0.5, 0.5), fill: RGB8? = nil) {
        self.trim = trim
        self.pad = pad
        self.canvas = canvas
        self.anchor = anchor
        self.fill = fill
    }

    /// Whether the finished image has transparency (no `fill`).
    public var keepsAlpha: Bool { fill == nil }

    /// The finished image.
    ///
    /// - Throws: `OperationError.nothingToTrim` when trimming finds no subject.
    public func apply(_ image: consuming PixelBuffer) throws(OperationError) -> PixelBuffer {
        var result = image
        if trim || pad != nil {
            guard let rect = CutoutFinishing.subjectRect(result) else {
                throw .nothingToTrim(reason: "the whole image matched the backdrop")
            }
            result = try result.cropped(to: rect)
        }
        if let pad {
            let margin = pad.pixels(longSide: max(result.width, result.height))
            result = CutoutFinishing.padded(result, by: PixelInsets(left: margin, top: margin, right: margin, bottom: margin))
        }
        if let canvas { result = CutoutFinishing.onCanvas(result, size: canvas, anchor: anchor) }
        if let fill { result = CutoutFinishing.filled(result, with: fill) }
        return result
    }
}
