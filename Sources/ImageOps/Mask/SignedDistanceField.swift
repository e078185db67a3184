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
    /// A contour point inside an edge pixel, the unit normal there (inward) and the
    /// contour's curvature (1/px, positive where the inside is convex).
    struct Edge {
        var x: Float, y: Float, nx: Float, ny: Float, curvature: Float = 0
        /// Fitted along a smooth stretch of contour (not a corner or a speck).
        var smooth = false
    }
    /// Per pixel, its index into `edges`, or -1.
    let edgeIndex: [Int32]
    let edges: [Edge]
    let nearest: [Int32]

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
        // The gradient's direction errs by a few degrees on curves, which moves the points
        // by up to 0.02 px: twice, fit a parabola to each point's neighbours along the
        // contour for its normal and curvature, and invert its coverage again with both.
        for _ in 0..<2 {
            edges = Self.refit(edges, edgeIndex: edgeIndex, coverage: c, width: w, height: h)
        }
        edges = Self.placeCorners(edges, edgeIndex: edgeIndex, width: w, height: h)
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

    /// Each edge point re-placed from a least-squares parabola v = c₀ + c₁u + c₂u² through
    /// the contour points within two pixels whose normals agree with its own within 30°
    /// (u along the tangent, v along the inward normal; a line when only three or four
    /// agree, beside a corner): the normal from the slope, the curvature
    /// 2c₂/(1 + c₁²)^{3/2}, the point from the curved-edge inversion of the pixel's
    /// coverage. Points with fewer agreeing neighbours (corners, specks) stay.
    static func refit(_ edges: [Edge], edgeIndex: [Int32], coverage c: [Float], width w: Int, height h: Int) -> [Edge] {
        var result = edges
        for y in 0..<h {
            for x in 0..<w {
                let i = y * w + x
                guard edgeIndex[i] >= 0 else { continue }
                let e = edges[Int(edgeIndex[i])]
                let ox = Double(e.x), oy = Double(e.y), ux = Double(e.nx), uy = Double(e.ny)
                guard ux * ux + uy * uy > 0.5 else { continue }
                // Normal equations of the parabola in the point's own frame.
                var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0, v0 = 0.0, v1 = 0.0, v2 = 0.0
                var spread = 0.0
                for qy in max(0, y - 2)...min(h - 1, y + 2) {
                    for qx in max(0, x - 2)...min(w - 1, x + 2) {
                        let j = qy * w + qx
                        guard edgeIndex[j] >= 0 else { continue }
                        let f = edges[Int(edgeIndex[j])]
                        guard Double(f.nx) * ux + Double(f.ny) * uy > 0.866 else { continue }
                        let dx = Double(f.x) - ox, dy = Double(f.y) - oy
                        let u = -dx * uy + dy * ux, v = dx * ux + dy * uy
                        let u2 = u * u
                        s0 += 1; s1 += u; s2 += u2; s3 += u2 * u; s4 += u2 * u2
                        v0 += v; v1 += v * u; v2 += v * u2
                        spread = max(spread, abs(u))
                    }
                }
                var c1 = 0.0, c2 = 0.0
                if s0 >= 5 && spread >= 1.5 {
                    // Cramer's rule on the symmetric 3×3 system.
                    let det = s0 * (s2 * s4 - s3 * s3) - s1 * (s1 * s4 - s3 * s2) + s2 * (s1 * s3 - s2 * s2)
                    guard abs(det) > 1e-9 else { continue }
                    c1 = (s0 * (v1 * s4 - s3 * v2) - v0 * (s1 * s4 - s3 * s2) + s2 * (s1 * v2 - v1 * s2)) / det
                    c2 = (s0 * (s2 * v2 - v1 * s3) - s1 * (s1 * v2 - v1 * s2) + v0 * (s1 * s3 - s2 * s2)) / det
                } else if s0 >= 3 && spread >= 1 {
                    // Few neighbours (beside a corner): a straight line v = c₀ + c₁u.
                    let det = s0 * s2 - s1 * s1
                    guard abs(det) > 1e-9 else { continue }
                    c1 = (s0 * v1 - s1 * v0) / det
                } else {
                    continue
                }
                // The normal turned by the slope: u' ∝ u − c₁·t with t = (−uy, ux).
                var nx = ux + c1 * uy, ny = uy - c1 * ux
                let length = (nx * nx + ny * ny).squareRoot()
                nx /= length; ny /= length
                let curvature = 2 * c2 / Swift.max(1, (1 + c1 * c1) * (1 + c1 * c1).squareRoot())
                guard abs(curvature) <= 0.5 else { continue }   // a radius under 2 px: a corner, not a curve
                let px = Double(x) + 0.5, py = Double(y) + 0.5
                let d = EdgeCoverage.distance(coverage: Double(c[i]), nx: nx, ny: ny, curvature: curvature)
                result[Int(edgeIndex[i])] = Edge(x: Float(px + nx * d), y: Float(py + ny * d), nx: Float(nx), ny: Float(ny),
                                                 curvature: Float(curvature), smooth: true)
            }
        }
        return result
    }

    /// A corner pixel's coverage holds two edges, which no single-edge inversion places:
    /// where the smooth points within three pixels of an unfitted one lie on two lines at
    /// least 17° apart, the point moves to the lines' intersection when that is within
    /// half a pixel of the pixel (so grown corners round off around the true vertex).
    static func placeCorners(_ edges: [Edge], edgeIndex: [Int32], width w: Int, height h: Int) -> [Edge] {
        var result = edges
        for y in 0..<h {
            for x in 0..<w {
                let i = y * w + x
                guard edgeIndex[i] >= 0, !edges[Int(edgeIndex[i])].smooth else { continue }
                // Smooth neighbours in at most two groups of agreeing normals.
                var groups: [(px: Double, py: Double, nx: Double, ny: Double, count: Double)] = []
                var ambiguous = false
                for qy in max(0, y - 3)...min(h - 1, y + 3) {
                    for qx in max(0, x - 3)...min(w - 1, x + 3) {
                        let j = qy * w + qx
                        guard edgeIndex[j] >= 0 else { continue }
                        let f = edges[Int(edgeIndex[j])]
                        guard f.smooth else { continue }
                        let fx = Double(f.x), fy = Double(f.y), fnx = Double(f.nx), fny = Double(f.ny)
                        if let g = groups.firstIndex(where: { ($0.nx * fnx + $0.ny * fny) / $0.count > 0.94 }) {
                            groups[g].px += fx; groups[g].py += fy; groups[g].nx += fnx; groups[g].ny += fny; groups[g].count += 1
                        } else if groups.count < 2 {
                            groups.append((fx, fy, fnx, fny, 1))
                        } else {
                            ambiguous = true
                        }
                    }
                }
                guard !ambiguous, groups.count == 2 else { continue }
                let lines = groups.map { g -> (nx: Double, ny: Double, d: Double) in
                    let length = (g.nx * g.nx + g.ny * g.ny).squareRoot()
                    let nx = g.nx / length, ny = g.ny / length
                    return (nx, ny, nx * g.px / g.count + ny * g.py / g.count)
                }
                let a = lines[0], b = lines[1]
                guard let (vx, vy) = meet(a, b) else { continue }
                guard vx >= Double(x) - 0.5, vx <= Double(x) + 1.5, vy >= Double(y) - 0.5, vy <= Double(y) + 1.5 else { continue }
                var nx = a.nx + b.nx, ny = a.ny + b.ny
                let length = (nx * nx + ny * ny).squareRoot()
                guard length > 1e-9 else { continue }
                nx /= length; ny /= length
                result[Int(edgeIndex[i])] = Edge(x: Float(vx), y: Float(vy), nx: Float(nx), ny: Float(ny))
            }
        }
        return result
    }

    /// The signed distance of pixel `i` to the polyline joining neighbouring edge
    /// pixels' contour points near its nearest edge pixel (bent by their curvature), the
    /// unit inward normal there, and the contour's curvature at that point.
    func refined(_ i: Int) -> (distance: Double, nx: Double, ny: Double, curvature: Double) {
        let seed = Int(nearest[i])
        guard seed >= 0 else { return (inside[i] ? -.infinity : .infinity, 1, 0, 0) }
        let w = width, h = height
        let px = Double(i % w) + 0.5, py = Double(i / w) + 0.5
        var best = Double.infinity, bestX = 0.0, bestY = 0.0, bestSeed = seed
        /// The segment (other end, parameter) when the nearest point lies on one.
        var bestSegment: (k: Int, t: Double)?
        /// Whether the nearest point lies on a reconstructed corner (not on a smooth stretch).
        var bestAtCorner = false
        func consider(_ fx: Double, _ fy: Double, _ j: Int, _ segment: (k: Int, t: Double)? = nil, corner: Bool = false) {
            let dx = px - fx, dy = py - fy, d2 = dx * dx + dy * dy
            if d2 < best { best = d2; bestX = dx; bestY = dy; bestSeed = j; bestSegment = segment; bestAtCorner = corner }
        }
        // The nearest pixel centre is not always next to the nearest contour point (edge
        // pixels sit up to √½ px off the contour, and far from the contour the nearest
        // centre can lie pixels along it from the foot): search two pixels around it, and
        // again around the best edge pixel while that sits on the window's rim.
        var centre = seed
        for _ in 0..<6 {
            let sx = centre % w, sy = centre / w
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
                            if a.smooth && b.smooth && a.nx * b.nx + a.ny * b.ny < 0.94, let v = Self.tangentsMeet(a, b) {
                                // A corner between two smooth stretches: the contour runs to the
                                // meeting point of their tangents, not along the chord.
                                consider(v.x, v.y, j, corner: true)
                                let ex = v.x - ax, ey = v.y - ay, length2 = ex * ex + ey * ey
                                if length2 > 1e-12 {
                                    let t = ((px - ax) * ex + (py - ay) * ey) / length2
                                    if t > 0 && t < 1 { consider(ax + t * ex, ay + t * ey, j, corner: true) }
                                }
                                continue
                            }
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
            let bx = bestSeed % w, by = bestSeed / w
            guard max(abs(bx - sx), abs(by - sy)) >= 2, bestSeed != centre else { break }
            centre = bestSeed
        }
        let length = best.squareRoot()
        // The polyline distance, bent by the fitted curvature on a gentle segment: within
        // about 0.02 px of the contour anywhere, corners included.
        var signed = inside[i] ? -length : length
        var curvature = Double(edge(bestSeed).curvature)
        let toward = inside[i] ? 1.0 : -1.0   // (bestX, bestY) runs from the contour to the pixel
        var normal = length > 1e-6 ? (toward * bestX / length, toward * bestY / length) : (Double(edge(bestSeed).nx), Double(edge(bestSeed).ny))
        var smooth: (distance: Double, nx: Double, ny: Double)?
        if let (k, t) = bestSegment {
            let p = edge(bestSeed), q = edge(k)
            if Double(p.nx * q.nx + p.ny * q.ny) > 0.9 {   // a gentle curve, not a corner
                let ex = Double(q.x - p.x), ey = Double(q.y - p.y)
                curvature = (1 - t) * Double(p.curvature) + t * Double(q.curvature)
                signed -= t * (1 - t) * (ex * ex + ey * ey) * curvature / 2
                if p.smooth && q.smooth {
                    // Closer still: each end's osculating circle, blended along the chord
                    // (exact on circles, where a chord is not).
                    let a = osculating(p, px, py), b = osculating(q, px, py)
                    var nx = (1 - t) * a.nx + t * b.nx, ny = (1 - t) * a.ny + t * b.ny
                    let norm = (nx * nx + ny * ny).squareRoot()
                    if norm > 1e-9 { nx /= norm; ny /= norm }
                    smooth = ((1 - t) * a.distance + t * b.distance, nx, ny)
                }
            }
        } else if edge(bestSeed).smooth && !bestAtCorner {
            smooth = osculating(edge(bestSeed), px, py)
        }
        // An osculating circle only describes the contour near its point: trusted where it
        // agrees with the polyline.
        if let smooth, abs(smooth.distance - signed) <= 0.05 {
            signed = smooth.distance
            normal = (smooth.nx, smooth.ny)
        }
        return (signed, normal.0, normal.1, curvature)
    }

    /// The intersection of the lines n·p = d (unit normals), when they cross at 17° or more.
    private static func meet(_ a: (nx: Double, ny: Double, d: Double), _ b: (nx: Double, ny: Double, d: Double)) -> (Double, Double)? {
        let cross = a.nx * b.ny - a.ny * b.nx
        guard abs(cross) > 0.3 else { return nil }
        return ((a.d * b.ny - b.d * a.ny) / cross, (a.nx * b.d - b.nx * a.d) / cross)
    }

    /// Where the tangent lines of two contour points meet, when they cross at 17° or more
    /// and the meeting point lies within 2.5 px of both.
    private static func tangentsMeet(_ a: Edge, _ b: Edge) -> (x: Double, y: Double)? {
        func line(_ e: Edge) -> (nx: Double, ny: Double, d: Double) {
            (Double(e.nx), Double(e.ny), Double(e.nx) * Double(e.x) + Double(e.ny) * Double(e.y))
        }
        guard let (vx, vy) = meet(line(a), line(b)) else { return nil }
        func near(_ e: Edge) -> Bool { let dx = vx - Double(e.x), dy = vy - Double(e.y); return dx * dx + dy * dy <= 6.25 }
        return near(a) && near(b) ? (vx, vy) : nil
    }

    /// Signed distance (positive outside) from (px, py) to the osculating circle of an
    /// edge point, and the unit inward normal at the nearest point of that circle.
    private func osculating(_ e: Edge, _ px: Double, _ py: Double) -> (distance: Double, nx: Double, ny: Double) {
        let ux = Double(e.nx), uy = Double(e.ny), kappa = Double(e.curvature)
        let dx = px - Double(e.x), dy = py - Double(e.y)
        guard abs(kappa) > 1e-4 else { return (-(dx * ux + dy * uy), ux, uy) }
        // The centre of curvature lies 1/κ along the inward normal (outside when concave).
        let radius = 1 / kappa
        let cx = dx - ux * radius, cy = dy - uy * radius   // pixel relative to the centre
        let r = (cx * cx + cy * cy).squareRoot()
        guard r > 1e-9 else { return (-(dx * ux + dy * uy), ux, uy) }
        let sign = kappa > 0 ? 1.0 : -1.0
        return (sign * (r - abs(radius)), -sign * cx / r, -sign * cy / r)
    }

    /// The edge record of an edge pixel.
    @inline(__always) private func edge(_ pixel: Int) -> Edge { edges[Int(edgeIndex[pixel])] }
}
