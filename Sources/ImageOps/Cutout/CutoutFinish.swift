public import ImageCore

/// The finishing steps after the backdrop is gone, in a fixed order: trim to the subject,
/// pad, place on a canvas (scaled to a fill fraction when asked), fill the background.
public struct CutoutFinish: Sendable {
    /// A margin: pixels, or a percentage (0…∞) of the trimmed subject's longer side.
    public enum Margin: Sendable, Hashable {
        case pixels(Int)
        case percentOfLongSide(Double)

        /// The margin in pixels for a subject whose longer side is `longSide`.
        public func pixels(longSide: Int) -> Int {
            switch self {
            case .pixels(let n): n
            case .percentOfLongSide(let p): OutputLimits.edge(p / 100 * Double(longSide)) ?? OutputLimits.maxDimension + 1
            }
        }
    }

    /// Crop to the subject (alpha ≥ 8). Implied by `fillFraction`.
    public var trim: Bool
    /// A transparent margin around the image as it is at this step: around the subject
    /// after `trim`, around the whole frame without it (percentages then of the frame's
    /// longer side).
    public var pad: Margin?
    /// With `canvas`: the subject (trimmed) is scaled so its box fills this fraction
    /// (0 < f ≤ 1) of the canvas in its tighter direction, up or down, and placed at
    /// `anchor` (the `amazon-main` rule: the product fills 85 % of the frame).
    public var fillFraction: Double?
    /// Canvas size, and where the subject goes on it (fractions 0…1 each way).
    public var canvas: PixelSize?
    public var anchor: (x: Double, y: Double)
    /// Composite onto this colour instead of keeping transparency.
    public var fill: RGB8?

    public init(trim: Bool = false, pad: Margin? = nil, canvas: PixelSize? = nil, anchor: (x: Double, y: Double) = (0.5, 0.5), fill: RGB8? = nil,
                fillFraction: Double? = nil) {
        self.trim = trim
        self.pad = pad
        self.fillFraction = fillFraction
        self.canvas = canvas
        self.anchor = anchor
        self.fill = fill
    }

    /// Whether the finished image has transparency (no `fill`).
    public var keepsAlpha: Bool { fill == nil }

    /// The finished image.
    ///
    /// - Throws: `OperationError.nothingToTrim` when trimming finds no subject;
    ///   `.outputTooLarge` when the padded image or the canvas is over `OutputLimits`
    ///   (checked before allocating).
    public func apply(_ image: consuming PixelBuffer) throws(OperationError) -> PixelBuffer {
        var result = image
        if trim || fillFraction != nil {
            guard let rect = CutoutFinishing.subjectRect(result) else {
                throw .nothingToTrim(reason: "the whole image matched the backdrop")
            }
            result = try result.cropped(to: rect)
        }
        if let pad {
            // Past the limit is past it: capping the margin there keeps the sums from overflowing.
            let margin = min(pad.pixels(longSide: max(result.width, result.height)), OutputLimits.maxDimension + 1)
            try OutputLimits.check(width: result.width + 2 * margin, height: result.height + 2 * margin, what: "the padded cut-out")
            result = CutoutFinishing.padded(result, by: PixelInsets(left: margin, top: margin, right: margin, bottom: margin))
        }
        if let canvas {
            try OutputLimits.check(canvas, what: "the canvas")
            if let fillFraction {
                // The subject's box (the padded frame when padded) scaled to the fraction.
                let scale = fillFraction * min(Double(canvas.width) / Double(result.width), Double(canvas.height) / Double(result.height))
                let scaled = PixelSize(width: min(canvas.width, max(1, Int((Double(result.width) * scale).rounded()))),
                                       height: min(canvas.height, max(1, Int((Double(result.height) * scale).rounded()))))
                if scaled != result.size { result = result.resized(to: scaled) }
            }
            result = CutoutFinishing.onCanvas(result, size: canvas, anchor: anchor)
        }
        if let fill { result = CutoutFinishing.filled(result, with: fill) }
        return result
    }
}
