import RealModule

/// Reconstruction filters for resampling. Supports are in source pixels at scale 1; when
/// shrinking they widen by the shrink factor (anti-aliasing), when enlarging they do not.
public enum ResampleFilter: String, Sendable, Hashable, CaseIterable {
    /// Windowed sinc with 3 lobes: sharpest, the default.
    case lanczos3
    /// Mitchell–Netravali cubic, B = C = 1/3: softer, no visible ringing.
    case mitchell
    /// Catmull-Rom cubic (B = 0, C = 1/2): sharp, mild ringing.
    case catmullRom = "catmull-rom"
    /// Triangle (linear interpolation; a tent when shrinking).
    case bilinear
    /// Box (pixel averaging when shrinking; nearest neighbour when enlarging).
    case box

    /// Half-width of the kernel at scale 1, in source pixels.
    public var support: Double {
        switch self {
        case .lanczos3: 3
        case .mitchell, .catmullRom: 2
        case .bilinear: 1
        case .box: 0.5
        }
    }

    /// The kernel value at distance `x` (source pixels at scale 1).
    public func weight(_ x: Double) -> Double {
        let a = abs(x)
        switch self {
        case .box:
            return x >= -0.5 && x < 0.5 ? 1 : 0
        case .bilinear:
            return a < 1 ? 1 - a : 0
        case .lanczos3:
            return a < 3 ? Self.sinc(x) * Self.sinc(x / 3) : 0
        case .mitchell:
            return Self.cubic(a, b: 1.0 / 3, c: 1.0 / 3)
        case .catmullRom:
            return Self.cubic(a, b: 0, c: 0.5)
        }
    }

    private static func sinc(_ x: Double) -> Double {
        if x == 0 { return 1 }
        let px = Double.pi * x
        return Double.sin(px) / px
    }

    /// The Mitchell–Netravali family of cubics.
    private static func cubic(_ x: Double, b: Double, c: Double) -> Double {
        if x < 1 {
            return ((12 - 9 * b - 6 * c) * x * x * x + (-18 + 12 * b + 6 * c) * x * x + (6 - 2 * b)) / 6
        }
        if x < 2 {
            return ((-b - 6 * c) * x * x * x + (6 * b + 30 * c) * x * x + (-12 * b - 48 * c) * x + (8 * b + 24 * c)) / 6
        }
        return 0
    }
}
