public import ImageCore
import RealModule

extension MaskShape {
    /// Flattening tolerance for curves, in pixels: the largest distance between an arc
    /// and its chords. 0.002 px keeps the coverage error far below 1/255.
    public static let flatteningTolerance = 0.002

    /// The shape's outline in pixels for an image of `size`: closed contours, all wound
    /// the same way (positive signed area), and the fill rule they need.
    /// - Throws: `OperationError.invalidParameter` naming the shape when it is degenerate
    ///   (negative size, too few points, stroke width ≤ 0).
    public func contours(in size: PixelSize) throws(OperationError) -> (contours: [[Point]], rule: FillRule) {
        let w = size.width, h = size.height, short = min(size.width, size.height)
        func invalid(_ what: String) -> OperationError {
            .invalidParameter(name: "shape \(self)", value: what, expected: "a positive size and enough points")
        }
        switch geometry {
        case .rect(let x, let y, let width, let height, let radius):
            let x0 = x.resolved(against: w), y0 = y.resolved(against: h)
            let rw = width.resolved(against: w), rh = height.resolved(against: h)
            guard rw > 0, rh > 0 else { throw invalid("width and height must be > 0") }
            let r = min(max(0, radius.resolved(against: short)), rw / 2, rh / 2)
            if r <= 0 {
                return ([[Point(x: x0, y: y0), Point(x: x0 + rw, y: y0), Point(x: x0 + rw, y: y0 + rh), Point(x: x0, y: y0 + rh)]], .nonZero)
            }
            var points: [Point] = []
            let corners = [(x0 + rw - r, y0 + r, -Double.pi / 2), (x0 + rw - r, y0 + rh - r, 0.0),
                           (x0 + r, y0 + rh - r, Double.pi / 2), (x0 + r, y0 + r, Double.pi)]
            for (cx, cy, start) in corners {
                points += Self.arc(centre: Point(x: cx, y: cy), rx: r, ry: r, from: start, to: start + .pi / 2, includeEnd: true)
            }
            return ([points], .nonZero)
        case .ellipse(let cx, let cy, let rx, let ry):
            let radiusX = rx.resolved(against: w), radiusY = ry.resolved(against: h)
            guard radiusX > 0, radiusY > 0 else { throw invalid("radii must be > 0") }
            return ([Self.arc(centre: Point(x: cx.resolved(against: w), y: cy.resolved(against: h)), rx: radiusX, ry: radiusY,
                              from: 0, to: 2 * .pi, includeEnd: false)], .nonZero)
        case .polygon(let points, let rule):
            guard points.count >= 3 else { throw invalid("\(points.count) points (a polygon needs at least 3)") }
            var contour = points.map { Point(x: $0.0.resolved(against: w), y: $0.1.resolved(against: h)) }
            if Self.signedArea(contour) < 0 { contour.reverse() }
            return ([contour], rule)
        case .stroke(let width, let points):
            let strokeWidth = width.resolved(against: short)
            guard strokeWidth > 0 else { throw invalid("stroke width must be > 0") }
            guard !points.isEmpty else { throw invalid("no points (a stroke needs at least 1)") }
            let path = points.map { Point(x: $0.0.resolved(against: w), y: $0.1.resolved(against: h)) }
            return (Self.strokeContours(path, width: strokeWidth), .nonZero)
        }
    }

    /// A brush stroke as pieces that cover it: one rectangle per segment and one disc per
    /// point (round caps and joins). The pieces overlap; under the nonzero rule the
    /// overlap is counted once wherever it is fully covered.
    static func strokeContours(_ path: [Point], width: Double) -> [[Point]] {
        let r = width / 2
        var contours: [[Point]] = []
        for i in 0..<path.count {
            let p = path[i]
            contours.append(arc(centre: p, rx: r, ry: r, from: 0, to: 2 * .pi, includeEnd: false))
            guard i + 1 < path.count else { continue }
            let q = path[i + 1]
            let dx = q.x - p.x, dy = q.y - p.y, length = (dx * dx + dy * dy).squareRoot()
            guard length > 0 else { continue }
            let nx = -dy / length * r, ny = dx / length * r
            var piece = [Point(x: p.x + nx, y: p.y + ny), Point(x: q.x + nx, y: q.y + ny),
                         Point(x: q.x - nx, y: q.y - ny), Point(x: p.x - nx, y: p.y - ny)]
            if signedArea(piece) < 0 { piece.reverse() }
            contours.append(piece)
        }
        // A lone point or zero-length segments: the discs alone carry the ink.
        return contours
    }

    /// Points on an elliptical arc from angle `start` to `end` (radians, y down, so
    /// increasing angles turn clockwise on screen and give positive signed area),
    /// spaced so no chord strays more than `flatteningTolerance` from the arc.
    static func arc(centre: Point, rx: Double, ry: Double, from start: Double, to end: Double, includeEnd: Bool) -> [Point] {
        let radius = max(rx, ry)
        let step = radius <= flatteningTolerance ? Double.pi / 2 : 2 * Double.acos(max(-1, 1 - flatteningTolerance / radius))
        let count = max(includeEnd ? 1 : 3, Int(((end - start) / step).rounded(.up)))
        let last = includeEnd ? count : count - 1
        // Chords cut off (θ − sin θ)/2 · r² each; vertices on a radius larger by
        // √(θ / sin θ) give the polygon the arc's exact area.
        let theta = (end - start) / Double(count)
        let scale = theta > 1e-9 ? (theta / Double.sin(theta)).squareRoot() : 1
        return (0...last).map { i in
            let angle = start + (end - start) * Double(i) / Double(count)
            return Point(x: centre.x + rx * scale * Double.cos(angle), y: centre.y + ry * scale * Double.sin(angle))
        }
    }

    /// Shoelace signed area (positive for clockwise-on-screen order with y down).
    static func signedArea(_ points: [Point]) -> Double {
        var area = 0.0
        for i in 0..<points.count {
            let p = points[i], q = points[(i + 1) % points.count]
            area += p.x * q.y - q.x * p.y
        }
        return area / 2
    }
}
