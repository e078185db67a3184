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
    public static func render(_ shapes: [MaskShape], size: PixelSize, base: CoveragePlane? = nil) throws(OperationError) -> CoveragePlane {
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
