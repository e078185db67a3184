/// The area of a unit pixel on the inside of a straight edge, and its inverse: the link
/// between anti-aliased coverage and sub-pixel distance (Gustavson & Strand, "Anti-aliased
/// Euclidean distance transform", 2011). `gx`, `gy` give the edge normal (any length,
/// any sign); distances are from the pixel centre, positive when the centre is outside.
enum EdgeCoverage {
    /// Distance from the pixel centre to an edge with normal (gx, gy) that leaves
    /// `coverage` (0…1) of the pixel inside.
    static func distance(coverage a: Double, gx: Double, gy: Double) -> Double {
        guard let (u, v) = folded(gx, gy), v > 1e-9 else { return 0.5 - a }
        let a1 = 0.5 * v / u
        if a < a1 { return 0.5 * (u + v) - (2 * u * v * a).squareRoot() }
        if a < 1 - a1 { return (0.5 - a) * u }
        return -0.5 * (u + v) + (2 * u * v * (1 - a)).squareRoot()
    }

    /// Coverage (0…1) of the pixel when an edge with normal (gx, gy) passes at `distance`
    /// from its centre (positive: the centre is outside).
    static func coverage(distance d: Double, gx: Double, gy: Double) -> Double {
        guard let (u, v) = folded(gx, gy), v > 1e-9 else { return min(max(0.5 - d, 0), 1) }
        let high = 0.5 * (u + v), low = 0.5 * (u - v)
        if d >= high { return 0 }
        if d > low { return (high - d) * (high - d) / (2 * u * v) }
        if d >= -low { return 0.5 - d / u }
        if d > -high { return 1 - (high + d) * (high + d) / (2 * u * v) }
        return 1
    }

    /// The unit normal folded into the first octant: (u, v) with u ≥ v ≥ 0; nil for a zero vector.
    private static func folded(_ gx: Double, _ gy: Double) -> (Double, Double)? {
        let length = (gx * gx + gy * gy).squareRoot()
        guard length > 1e-12 else { return nil }
        let x = abs(gx) / length, y = abs(gy) / length
        return x >= y ? (x, y) : (y, x)
    }
}
