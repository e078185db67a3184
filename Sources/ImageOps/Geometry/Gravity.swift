public import ImageCore

/// Where a crop is placed when it is smaller than the image.
public enum Gravity: Sendable, Hashable, CustomStringConvertible {
    /// The centre.
    case center
    /// Trim the lower-entropy side step by step (as libvips' `entropy`).
    case entropy
    /// Maximise importance (edges, saturation, skin tones) inside the crop while
    /// penalising importance cut at its edges.
    case attention
    /// Keep the subject (the image's alpha, or a given mask) whole; pad when it cannot fit.
    case subject
    /// Centre on a focal point; `x`, `y` are fractions 0…1 of the width and height.
    case focal(x: Double, y: Double)
    /// Centre on a focal point given in pixels of the image it is placed in (≥ 0).
    case focalPixels(x: Double, y: Double)

    /// `.focalPixels` as `.focal` fractions of `size` (pixels of the upright source);
    /// every other gravity unchanged.
    public func resolved(in size: PixelSize) -> Gravity {
        guard case .focalPixels(let x, let y) = self else { return self }
        return .focal(x: x / Double(size.width), y: y / Double(size.height))
    }

    public var description: String {
        switch self {
        case .center: "center"
        case .entropy: "entropy"
        case .attention: "attention"
        case .subject: "subject"
        case .focal(let x, let y): "focal \(x),\(y)"
        case .focalPixels(let x, let y): "focal at pixel \(x),\(y)"
        }
    }
}
