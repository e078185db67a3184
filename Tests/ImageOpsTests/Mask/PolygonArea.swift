import ImageCore

/// Analytic references for the rasteriser tests: polygon areas and the exact area of a
/// convex polygon inside one pixel (Sutherland–Hodgman clipping to the unit square).
enum PolygonArea {
    static func area(_ points: [Point]) -> Double {
        var a = 0.0
        for i in 0..<points.count {
            let p = points[i], q = points[(i + 1) % points.count]
            a += p.x * q.y - q.x * p.y
        }
        return abs(a) / 2
    }

    /// Area of `polygon` inside the pixel [x, x+1] × [y, y+1].
    static func areaInPixel(_ polygon: [Point], x: Int, y: Int) -> Double {
        var clipped = polygon
        let x0 = Double(x), x1 = Double(x + 1), y0 = Double(y), y1 = Double(y + 1)
        clipped = clip(clipped, inside: { $0.x >= x0 }, intersect: { p, q in lerpX(p, q, x0) })
        clipped = clip(clipped, inside: { $0.x <= x1 }, intersect: { p, q in lerpX(p, q, x1) })
        clipped = clip(clipped, inside: { $0.y >= y0 }, intersect: { p, q in lerpY(p, q, y0) })
        clipped = clip(clipped, inside: { $0.y <= y1 }, intersect: { p, q in lerpY(p, q, y1) })
        return clipped.count >= 3 ? area(clipped) : 0
    }

    private static func clip(_ points: [Point], inside: (Point) -> Bool, intersect: (Point, Point) -> Point) -> [Point] {
        guard !points.isEmpty else { return [] }
        var result: [Point] = []
        for i in 0..<points.count {
            let current = points[i], previous = points[(i + points.count - 1) % points.count]
            if inside(current) {
                if !inside(previous) { result.append(intersect(previous, current)) }
                result.append(current)
            } else if inside(previous) {
                result.append(intersect(previous, current))
            }
        }
        return result
    }

    private static func lerpX(_ p: Point, _ q: Point, _ x: Double) -> Point {
        let t = (x - p.x) / (q.x - p.x)
        return Point(x: x, y: p.y + (q.y - p.y) * t)
    }

    private static func lerpY(_ p: Point, _ q: Point, _ y: Double) -> Point {
        let t = (y - p.y) / (q.y - p.y)
        return Point(x: p.x + (q.x - p.x) * t, y: y)
    }
}
