/// The signed distance, in pixels, from every pixel centre to a coverage plane's 0.5
/// contour: negative inside, positive outside, ±infinity when there is no contour.
///
/// The contour is located to sub-pixel precision: each edge pixel's coverage and
/// gradient give the point where the edge crosses it (`EdgeCoverage`, after Gustavson &
/// Strand 2011). The exact Euclidean distance transform finds every pixel's nearest edge
/// pixel; `distance` is to that pixel's centre (coarse: within √½ px of the contour), and
/// `refined(_:)` measures to the polyline through the contour points within two pixels, which follows a curve
/// to about 0.01 px.
struct SignedDistanceField {
    let width: Int
    let height: Int
    /// Row-major signed distances to the nearest edge pixel's centre (coarse; see `refined`).
    private(set) var distance: [Float]
    private let inside: [Bool]
    /// A contour point inside an edge pixel and the unit coverage gradient there (inward).
    private struct Edge {
        var x: Float, y: Float, nx: Float, ny: Float
    }
    /// Per pixel, its index into `edges`, or -1.
    private let edgeIndex: [Int32]
    private let edges: [Edge]
    private let nearest: [Int32]

    init(_ plane: CoveragePlane) {
        let w = plane.width, h = plane.height, n = w * h
        let c = plane.values
        func value(_ x: Int, _ y: Int) -> Double { Double(c[min(max(y, 0), h - 1) * w + min(max(x, 0), w - 1)]) }
        // Edge pixels: partial coverage, or a full pixel next to an empty one.
        // Edge pixels are few: their contour points live in a compact list, found through
        // one index plane (fresh memory is expensive; four full planes were not needed).
        var edgeIndex = [Int32](repeating: -1, count: n)
        var edges: [Edge] = []
        let low: Float = 0.5 / 255, high: Float = 1 - 0.5 / 255
        let root2 = 2.0.squareRoot()
        for y in 0..<h {
            for x in 0..<w {
                let i = y * w + x, a = c[i]
                var edge = a > low && a < high
                if !edge {
                    // A hard edge: a full pixel next to an empty one (partial neighbours
                    // carry the contour more precisely themselves).
                    func hardOpposite(_ j: Int) -> Bool { a >= 0.5 ? c[j] <= low : c[j] >= high }
                    edge = (x > 0 && hardOpposite(i - 1)) || (x + 1 < w && hardOpposite(i + 1))
                        || (y > 0 && hardOpposite(i - w)) || (y + 1 < h && hardOpposite(i + w))
                }
                guard edge else { continue }
                edgeIndex[i] = Int32(edges.count)
                let gx = value(x + 1, y - 1) + root2 * value(x + 1, y) + value(x + 1, y + 1)
                    - value(x - 1, y - 1) - root2 * value(x - 1, y) - value(x - 1, y + 1)
                let gy = value(x - 1, y + 1) + root2 * value(x, y + 1) + value(x + 1, y + 1)
                    - value(x - 1, y - 1) - root2 * value(x, y - 1) - value(x + 1, y - 1)
                let length = (gx * gx + gy * gy).squareRoot()
                let d = EdgeCoverage.distance(coverage: Double(a), gx: gx, gy: gy)
                // The gradient points inward; an outside centre (d > 0) moves inward by d.
                let (ux, uy) = length > 1e-12 ? (gx / length, gy / length) : (0, 0)
                edges.append(Edge(x: Float(Double(x) + 0.5 + ux * d), y: Float(Double(y) + 0.5 + uy * d), nx: Float(ux), ny: Float(uy)))
            }
        }
        let nearest = DistanceTransform.nearestSeeds(width: w, height: h) { edgeIndex[$0] >= 0 }
        let inside = c.map { $0 >= 0.5 }
        // Coarse: the distance to the nearest edge pixel's centre (within √½ px of the
        // contour); `refined` measures precisely where it matters.
        var distance = [Float](repeating: 0, count: n)
        for i in 0..<n {
            let seed = Int(nearest[i])
            guard seed >= 0 else { distance[i] = inside[i] ? -.infinity : .infinity; continue }
            let dx = Float(i % w - seed % w), dy = Float(i / w - seed / w)
            let d = (dx * dx + dy * dy).squareRoot()
            distance[i] = inside[i] ? -d : d
        }
        self.width = w
        self.height = h
        self.distance = distance
        self.inside = inside
        self.edgeIndex = edgeIndex
        self.edges = edges
        self.nearest = nearest
    }

    /// The signed distance of pixel `i` to the polyline joining neighbouring edge
    /// pixels' contour points near its nearest edge pixel, and the unit normal there
    /// (pointing from the contour to the pixel; for a pixel on the contour, the
    /// coverage gradient).
    func refined(_ i: Int) -> (distance: Double, nx: Double, ny: Double) {
        let seed = Int(nearest[i])
        guard seed >= 0 else { return (inside[i] ? -.infinity : .infinity, 1, 0) }
        let w = width, h = height
        let px = Double(i % w) + 0.5, py = Double(i / w) + 0.5
        var best = Double.infinity, bestX = 0.0, bestY = 0.0, bestSeed = seed
        /// The segment (other end, parameter) when the nearest point lies on one.
        var bestSegment: (k: Int, t: Double)?
        func consider(_ fx: Double, _ fy: Double, _ j: Int, _ segment: (k: Int, t: Double)? = nil) {
            let dx = px - fx, dy = py - fy, d2 = dx * dx + dy * dy
            if d2 < best { best = d2; bestX = dx; bestY = dy; bestSeed = j; bestSegment = segment }
        }
        let sx = seed % w, sy = seed / w
        // The nearest pixel centre is not always next to the nearest contour point (edge
        // pixels sit up to √½ px off the contour): search two pixels around it.
        for qy in max(0, sy - 2)...min(h - 1, sy + 2) {
            for qx in max(0, sx - 2)...min(w - 1, sx + 2) {
                let j = qy * w + qx
                guard edgeIndex[j] >= 0 else { continue }
                let a = edges[Int(edgeIndex[j])]
                let ax = Double(a.x), ay = Double(a.y)
                consider(ax, ay, j)
                // Segments to the neighbouring edge pixels' contour points.
                for ry in max(0, qy - 1)...min(h - 1, qy + 1) {
                    for rx in max(0, qx - 1)...min(w - 1, qx + 1) {
                        let k = ry * w + rx
                        guard k != j, edgeIndex[k] >= 0 else { continue }
                        let b = edges[Int(edgeIndex[k])]
                        let bx = Double(b.x), by = Double(b.y)
                        let ex = bx - ax, ey = by - ay, length2 = ex * ex + ey * ey
                        guard length2 > 1e-12 else { continue }
                        let t = ((px - ax) * ex + (py - ay) * ey) / length2
                        guard t > 0 && t < 1 else { continue }
                        consider(ax + t * ex, ay + t * ey, j, (k, t))
                    }
                }
            }
        }
        let length = best.squareRoot()
        var signed = inside[i] ? -length : length
        if let (k, t) = bestSegment,
           edge(k).nx * edge(bestSeed).nx + edge(k).ny * edge(bestSeed).ny > 0.9 {   // a gentle curve, not a corner
            // The contour bulges off the chord by t(1−t)·L²·κ/2, with the curvature κ
            // from the turn of the normals along it (positive where the shape is convex,
            // bulging outward): every signed distance drops by that much.
            let j = bestSeed
            let p = edge(j), q = edge(k)
            let ex = Double(q.x - p.x), ey = Double(q.y - p.y), length2 = ex * ex + ey * ey
            let turn = Double(q.nx - p.nx) * ex + Double(q.ny - p.ny) * ey
            let curvature = -turn / length2
            signed -= t * (1 - t) * length2 * curvature / 2
        }
        if length > 1e-6 { return (signed, bestX / length, bestY / length) }
        return (signed, Double(edge(bestSeed).nx), Double(edge(bestSeed).ny))
    }

    /// The edge record of an edge pixel.
    @inline(__always) private func edge(_ pixel: Int) -> Edge { edges[Int(edgeIndex[pixel])] }
}
