public import ImageCore

/// Draws a list of `MaskShape`s into coverage, in order.
///
/// Consecutive shapes with the same operation (and the nonzero rule) are accumulated in
/// one pass, so shapes that share an edge leave no seam: a pixel covered 30 % by one
/// and 70 % by the other is fully covered. Each pass is then merged into what was drawn
/// before: `add` as a union (c + m − c·m), `subtract` as m·(1 − c). An even-odd polygon
/// is a pass of its own.
public enum ShapeRenderer {
    /// The coverage of `shapes` on a plane of `size`, starting from `base` (default empty).
    /// - Throws: `OperationError.shapeOutsideImage` for a shape that misses the image
    ///   entirely; `.invalidParameter` for a degenerate shape.
    /// Every length of `shape` resolved against the longer edge is finite and within
    /// ±1,000,000 pixels (a radius of 1e30 would overflow the rasteriser's integers).
    static func checkRange(_ shape: MaskShape, size: PixelSize) throws(OperationError) {
        let lengths: [ShapeLength]
        switch shape.geometry {
        case .rect(let x, let y, let w, let h, let r): lengths = [x, y, w, h, r]
        case .ellipse(let cx, let cy, let rx, let ry): lengths = [cx, cy, rx, ry]
        case .polygon(let points, _): lengths = points.flatMap { [$0.0, $0.1] }
        case .stroke(let width, let points): lengths = [width] + points.flatMap { [$0.0, $0.1] }
        }
        let edge = max(size.width, size.height)
        for length in lengths {
            let value = length.resolved(against: edge)
            guard value.isFinite, abs(value) <= 1_000_000 else {
                throw .invalidParameter(name: "shape", value: shape.description, expected: "coordinates and lengths within ±1,000,000 pixels")
            }
        }
    }

    public static func render(_ shapes: [MaskShape], size: PixelSize, base: CoveragePlane? = nil) throws(OperationError) -> CoveragePlane {
        try OutputLimits.check(size, what: "the mask")
        for shape in shapes { try checkRange(shape, size: size) }
        var plane = base ?? CoveragePlane(width: size.width, height: size.height)
        precondition(plane.size == size, "base plane \(plane.size) is not \(size)")
        var rasterizer = CoverageRasterizer(width: size.width, height: size.height)
        var index = 0
        while index < shapes.count {
            let operation = shapes[index].operation
            var rule = FillRule.nonZero
            var end = index
            // One pass: a run of same-operation nonzero shapes, or one even-odd polygon.
            while end < shapes.count && shapes[end].operation == operation {
                let (contours, shapeRule) = try shapes[end].contours(in: size)
                if shapeRule == .evenOdd && end > index { break }
                try checkInside(contours, shape: shapes[end], size: size)
                for contour in contours { rasterizer.addContour(contour) }
                rule = shapeRule
                end += 1
                if shapeRule == .evenOdd { break }
            }
            let width = size.width
            plane.values.withUnsafeMutableBufferPointer { values in
                rasterizer.forEachCoverage(rule: rule) { x, y, c in
                    let i = y * width + x
                    values[i] = operation == .add ? c + values[i] - c * values[i] : values[i] * (1 - c)
                }
            }
            rasterizer.reset()
            index = end
        }
        return plane
    }

    static func checkInside(_ contours: [[Point]], shape: MaskShape, size: PixelSize) throws(OperationError) {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for contour in contours {
            for p in contour {
                minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
            }
        }
        if maxX <= 0 || maxY <= 0 || minX >= Double(size.width) || minY >= Double(size.height) {
            throw .shapeOutsideImage(shape: shape.description, imageSize: size)
        }
    }
}
