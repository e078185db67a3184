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

    /// Coverage (0…1) when the edge is a curve of curvature `curvature` (1/px, positive
    /// where the inside is convex) passing at `distance` from the centre with unit inward
    /// normal (nx, ny): the straight edge's area less the sliver between the tangent and
    /// the curve, κ(t₁³ − t₀³)/6 over the tangent's chord [t₀, t₁] through the pixel.
    static func coverage(distance d: Double, nx: Double, ny: Double, curvature: Double) -> Double {
        let straight = coverage(distance: d, gx: nx, gy: ny)
        guard curvature != 0, let (t0, t1) = chord(distance: d, nx: nx, ny: ny) else { return straight }
        return min(max(straight - curvature * (t1 * t1 * t1 - t0 * t0 * t0) / 6, 0), 1)
    }

    /// The inverse of `coverage(distance:nx:ny:curvature:)`: the straight inversion, then
    /// Newton steps (the area changes by the chord length per unit of distance).
    static func distance(coverage a: Double, nx: Double, ny: Double, curvature: Double) -> Double {
        var d = distance(coverage: a, gx: nx, gy: ny)
        guard curvature != 0 else { return d }
        for _ in 0..<3 {
            guard let (t0, t1) = chord(distance: d, nx: nx, ny: ny), t1 - t0 > 1e-3 else { break }
            d += (coverage(distance: d, nx: nx, ny: ny, curvature: curvature) - a) / (t1 - t0)
        }
        return d
    }

    /// The parameter range [t₀, t₁] of the tangent line through the pixel: the line at
    /// `distance` from the centre with unit inward normal (nx, ny), parametrised from its
    /// foot point along (−ny, nx); nil when it misses the pixel.
    static func chord(distance d: Double, nx: Double, ny: Double) -> (Double, Double)? {
        let fx = d * nx, fy = d * ny, tx = -ny, ty = nx
        var t0 = -Double.infinity, t1 = Double.infinity
        for (f, t) in [(fx, tx), (fy, ty)] {
            if abs(t) < 1e-12 {
                if abs(f) > 0.5 { return nil }
            } else {
                let a = (-0.5 - f) / t, b = (0.5 - f) / t
                t0 = max(t0, min(a, b)); t1 = min(t1, max(a, b))
            }
        }
        return t1 > t0 ? (t0, t1) : nil
    }

    /// The unit normal folded into the first octant: (u, v) with u ≥ v ≥ 0; nil for a zero vector.
    private static func folded(_ gx: Double, _ gy: Double) -> (Double, Double)? {
        let length = (gx * gx + gy * gy).squareRoot()
        guard length > 1e-12 else { return nil }
        let x = abs(gx) / length, y = abs(gy) / length
        return x >= y ? (x, y) : (y, x)
    }
}
