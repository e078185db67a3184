public import ImageCore

/// An exact-area scanline rasteriser: the signed-area accumulation of font-rs (and the
/// cell/cover/area idea of FreeType and AGG). Every line segment adds, to the cells of
/// each pixel row it crosses, the signed area it leaves to its right; a running sum along
/// the row then gives each pixel's winding-weighted covered area. On straight edges the
/// coverage equals the analytic area up to Float rounding; no supersampling.
///
/// Coordinates are pixels, top-left origin (pixel (x, y) spans [x, x+1] × [y, y+1]).
/// Geometry outside the image is clipped exactly: what lies left of the image still
/// covers the row to its right, what lies right of it covers nothing.
public struct CoverageRasterizer: Sendable {
    public let width: Int
    public let height: Int
    /// `width + 2` cells per row (the running sum may spill two cells right).
    private var cells: [Float]
    /// Rows and columns touched so far (for a cheap `coverage` pass).
    private var minRow = Int.max, maxRow = Int.min, minColumn = Int.max, maxColumn = Int.min

    public init(width: Int, height: Int) {
        precondition(width >= 1 && height >= 1, "rasteriser size \(width)×\(height) must be at least 1×1")
        self.width = width
        self.height = height
        self.cells = [Float](repeating: 0, count: (width + 2) * height)
    }

    /// Adds a closed contour (the last point joins the first).
    public mutating func addContour(_ points: [Point]) {
        guard points.count >= 2 else { return }
        for i in 0..<points.count {
            addLine(from: points[i], to: points[(i + 1) % points.count])
        }
    }

    /// Adds one directed edge; downward edges count +1 winding, upward −1.
    public mutating func addLine(from p: Point, to q: Point) {
        guard p.x.isFinite, p.y.isFinite, q.x.isFinite, q.y.isFinite, p.y != q.y else { return }
        // Split where the edge crosses x = 0 or x = width, then clamp x into [0, width]:
        // a vertical edge at x = 0 covers the whole row to its right, exactly as the
        // clipped part did; one at x = width covers nothing visible.
        let right = Double(width)
        var cuts: (Double, Double) = (2, 2)
        if p.x != q.x {
            let t0 = (0 - p.x) / (q.x - p.x), t1 = (right - p.x) / (q.x - p.x)
            if t0 > 0 && t0 < 1 { cuts.0 = t0 }
            if t1 > 0 && t1 < 1 { cuts.1 = t1 }
            if cuts.0 > cuts.1 { cuts = (cuts.1, cuts.0) }
        }
        func at(_ t: Double) -> Point {
            t >= 1 ? q : Point(x: min(max(p.x + (q.x - p.x) * t, 0), right), y: p.y + (q.y - p.y) * t)
        }
        var start = Point(x: min(max(p.x, 0), right), y: p.y)
        for t in [cuts.0, cuts.1, 1] where t <= 1 {
            var end = at(t)
            end.x = min(max(end.x, 0), right)
            accumulate(start, end)
            start = end
            if t >= 1 { break }
        }
    }

    /// font-rs's `draw_line` on one edge already inside [0, width] horizontally.
    private mutating func accumulate(_ p: Point, _ q: Point) {
        if p.y == q.y { return }
        let direction: Double = p.y < q.y ? 1 : -1
        let (top, bottom) = p.y < q.y ? (p, q) : (q, p)
        let dxdy = (bottom.x - top.x) / (bottom.y - top.y)
        let firstRow = max(0, Int(top.y.rounded(.down)))
        let endRow = min(height, Int(bottom.y.rounded(.up)))
        guard firstRow < endRow else { return }
        var x = top.x + (top.y < 0 ? -top.y * dxdy : 0)
        let stride = width + 2
        minRow = min(minRow, firstRow)
        maxRow = max(maxRow, endRow - 1)
        cells.withUnsafeMutableBufferPointer { cells in
            for y in firstRow..<endRow {
                let dy = min(Double(y + 1), bottom.y) - max(Double(y), top.y)
                let xNext = x + dxdy * dy
                let d = dy * direction
                let (x0, x1) = x < xNext ? (x, xNext) : (xNext, x)
                let x0Floor = x0.rounded(.down)
                let x0i = Int(x0Floor), x1i = Int(x1.rounded(.up))
                let row = y * stride
                minColumn = min(minColumn, x0i)
                maxColumn = max(maxColumn, x1i + 1)
                if x1i <= x0i + 1 {
                    // The edge stays within one pixel column in this row.
                    let xMid = 0.5 * (x + xNext) - x0Floor
                    cells[row + x0i] += Float(d - d * xMid)
                    cells[row + x0i + 1] += Float(d * xMid)
                } else {
                    let s = 1 / (x1 - x0)
                    let x0f = x0 - x0Floor
                    let a0 = 0.5 * s * (1 - x0f) * (1 - x0f)
                    let x1f = x1 - x1.rounded(.up) + 1
                    let am = 0.5 * s * x1f * x1f
                    cells[row + x0i] += Float(d * a0)
                    if x1i == x0i + 2 {
                        cells[row + x0i + 1] += Float(d * (1 - a0 - am))
                    } else {
                        let a1 = s * (1.5 - x0f)
                        cells[row + x0i + 1] += Float(d * (a1 - a0))
                        for xi in (x0i + 2)..<(x1i - 1) { cells[row + xi] += Float(d * s) }
                        let a2 = a1 + Double(x1i - x0i - 3) * s
                        cells[row + x1i - 1] += Float(d * (1 - a2 - am))
                    }
                    cells[row + x1i] += Float(d * am)
                }
                x = xNext
            }
        }
    }

    /// Clears what was drawn (only the touched rows), ready for the next shape.
    public mutating func reset() {
        guard minRow <= maxRow else { return }
        let stride = width + 2
        cells.withUnsafeMutableBufferPointer { cells in
            (cells.baseAddress! + minRow * stride).update(repeating: 0, count: (maxRow - minRow + 1) * stride)
        }
        minRow = .max; maxRow = .min; minColumn = .max; maxColumn = .min
    }

    /// The rows and columns that may hold coverage (nil when nothing was drawn).
    public var touchedRect: PixelRect? {
        guard minRow <= maxRow else { return nil }
        let x0 = max(0, minColumn), x1 = min(width, maxColumn)
        return PixelRect(x: x0, y: minRow, width: max(1, x1 - x0), height: maxRow - minRow + 1)
    }

    /// Calls `body(x, y, coverage)` for every pixel of `touchedRect` with coverage > 0
    /// (0…1, after the fill rule).
    public func forEachCoverage(rule: FillRule, _ body: (Int, Int, Float) -> Void) {
        guard let rect = touchedRect else { return }
        let stride = width + 2
        cells.withUnsafeBufferPointer { cells in
            for y in rect.y..<rect.maxY {
                var sum: Float = 0
                let row = y * stride
                // Cells left of the touched columns are zero: start the sum there.
                for x in rect.x..<rect.maxX {
                    sum += cells[row + x]
                    let coverage = Self.apply(rule, to: sum)
                    if coverage > 0 { body(x, y, coverage) }
                }
            }
        }
    }

    /// The coverage of every pixel, row-major, 0…1.
    public func coverage(rule: FillRule) -> [Float] {
        var result = [Float](repeating: 0, count: width * height)
        forEachCoverage(rule: rule) { x, y, c in result[y * width + x] = c }
        return result
    }

    /// Winding-weighted area → coverage: nonzero clamps |a| to 1, even-odd folds it
    /// (a triangle wave of period 2, as FreeType does).
    @inline(__always)
    static func apply(_ rule: FillRule, to area: Float) -> Float {
        let a = abs(area)
        switch rule {
        case .nonZero:
            return a < 1e-6 ? 0 : min(1, a)
        case .evenOdd:
            let folded = a - 2 * (a / 2).rounded(.down)
            let c = folded > 1 ? 2 - folded : folded
            return c < 1e-6 ? 0 : c
        }
    }
}
