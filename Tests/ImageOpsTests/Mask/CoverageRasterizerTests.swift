import ImageCore
import ImageOps
import Foundation
import Testing
import TestSupport

/// The rasteriser against analytic areas: exact per pixel on straight edges.
@Suite struct CoverageRasterizerTests {
    static func render(_ shapes: [MaskShape], _ width: Int, _ height: Int) throws -> CoveragePlane {
        try ShapeRenderer.render(shapes, size: PixelSize(width: width, height: height))
    }

    static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ op: MaskShape.Operation = .add) -> MaskShape {
        MaskShape(.rect(x: .pixels(x), y: .pixels(y), width: .pixels(w), height: .pixels(h), cornerRadius: .pixels(0)), operation: op)
    }

    /// Overlap of [a, b] with [i, i+1].
    static func overlap(_ a: Double, _ b: Double, _ i: Int) -> Double {
        max(0, min(b, Double(i + 1)) - max(a, Double(i)))
    }

    @Test(arguments: [(3.25, 2.6, 10.5, 7.3), (0.1, 0.9, 0.5, 0.05), (5.0, 5.0, 3.0, 3.0), (-2.3, -1.7, 8.8, 6.1), (12.4, 9.9, 20, 20)])
    func axisAlignedRectangleHasExactAreaPerPixel(rect: (Double, Double, Double, Double)) throws {
        let (x, y, w, h) = rect
        let plane = try Self.render([Self.rect(x, y, w, h)], 20, 16)
        var worst = 0.0
        for py in 0..<16 {
            for px in 0..<20 {
                let exact = Self.overlap(x, x + w, px) * Self.overlap(y, y + h, py)
                worst = max(worst, abs(Double(plane.values[py * 20 + px]) - exact))
                #expect(abs(Double(plane.mask[px, py]) - exact * 255) <= 0.501, "pixel \(px),\(py)")
            }
        }
        #expect(worst < 1e-5, "largest coverage error \(worst)")
    }

    @Test(.tags(.slow)) func randomConvexPolygonsMatchTheirAreaPerPixelAndInTotal() throws {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<40 {
            // Points on a jittered circle, sorted by angle: a convex polygon.
            let cx = 20 + generator.nextUnit() * 24, cy = 18 + generator.nextUnit() * 20, r = 5 + generator.nextUnit() * 14
            let count = 3 + Int(generator.nextUnit() * 9)
            let angles = (0..<count).map { _ in generator.nextUnit() * 2 * Double.pi }.sorted()
            let points = angles.map { Point(x: cx + r * cos($0), y: cy + r * sin($0)) }
            let shape = MaskShape(.polygon(points: points.map { (.pixels($0.x), .pixels($0.y)) }, rule: .nonZero))
            let plane = try Self.render([shape], 64, 56)
            let total = plane.values.reduce(0.0) { $0 + Double($1) }
            let area = PolygonArea.area(points)
            #expect(abs(total - area) / area < 0.0005, "total \(total) vs area \(area)")
            var worst = 0.0
            for y in 0..<56 { for x in 0..<64 {
                worst = max(worst, abs(Double(plane.values[y * 64 + x]) - PolygonArea.areaInPixel(points, x: x, y: y)))
            } }
            #expect(worst <= 1.0 / 255, "per-pixel error \(worst * 255) levels")
        }
    }

    @Test(arguments: [(20.3, 17.7, 9.4, 9.4), (31.5, 22.25, 25.0, 11.3), (8.9, 40.1, 3.2, 6.7), (50.05, 30.6, 0.9, 0.9)])
    func circlesAndEllipsesHaveTheirArea(ellipse: (Double, Double, Double, Double)) throws {
        let (cx, cy, rx, ry) = ellipse
        let plane = try Self.render([MaskShape(.ellipse(cx: .pixels(cx), cy: .pixels(cy), rx: .pixels(rx), ry: .pixels(ry)))], 80, 64)
        let total = plane.values.reduce(0.0) { $0 + Double($1) }
        let area = Double.pi * rx * ry
        #expect(abs(total - area) / area < 0.001, "total \(total) vs πab \(area)")
    }

    @Test func hairlineStrokeKeepsItsInk() throws {
        for (points, length) in [([(5.3, 10.2), (60.7, 31.9)], ((60.7 - 5.3) * (60.7 - 5.3) + (31.9 - 10.2) * (31.9 - 10.2)).squareRoot()),
                                 ([(4.5, 4.5), (40.5, 4.5), (40.5, 30.25)], 36 + 25.75)] {
            let shape = MaskShape(.stroke(width: .pixels(0.3), points: points.map { (.pixels($0.0), .pixels($0.1)) }))
            let plane = try Self.render([shape], 70, 40)
            let ink = plane.values.reduce(0.0) { $0 + Double($1) }
            let expected = 0.3 * length
            #expect(abs(ink - expected) / expected < 0.02, "ink \(ink) vs width × length \(expected)")
            #expect(plane.values.contains { $0 > 0 })
        }
    }

    @Test(arguments: [10.0, 10.37, 10.5, 10.83])
    func abuttingRectanglesLeaveNoSeam(edge: Double) throws {
        let plane = try Self.render([Self.rect(2.2, 3.1, edge - 2.2, 20), Self.rect(edge, 3.1, 9.6, 20)], 24, 26)
        let seam = Int(edge.rounded(.down))
        for y in 4..<23 {
            #expect(plane.mask[seam, y] >= 254, "seam pixel \(seam),\(y) = \(plane.mask[seam, y])")
        }
    }

    @Test func subtractRemovesAndEvenOddMakesAHole() throws {
        let plane = try Self.render([Self.rect(0, 0, 20, 20), Self.rect(5, 5, 10, 10, .subtract)], 20, 20)
        #expect(plane.mask[10, 10] == 0 && plane.mask[2, 2] == 255)
        // A square drawn twice (outer and inner, same direction) under even-odd: a frame.
        let outer = [(0.0, 0.0), (20, 0), (20, 20), (0, 20)], inner = [(5.0, 5.0), (15, 5), (15, 15), (5, 15)]
        let frame = MaskShape(.polygon(points: (outer + [(0, 0)] + inner + [(5, 5)]).map { (.pixels($0.0), .pixels($0.1)) }, rule: .evenOdd))
        let framed = try Self.render([frame], 20, 20)
        #expect(framed.mask[10, 10] == 0 && framed.mask[2, 2] == 255)
    }

    @Test func percentagesResolveAgainstTheImage() throws {
        let shape = MaskShape(.rect(x: .percent(25), y: .percent(50), width: .percent(50), height: .percent(25), cornerRadius: .pixels(0)))
        let plane = try Self.render([shape], 40, 20)
        let stats = MaskStatistics(plane)
        #expect(stats.boundingBox == PixelRect(x: 10, y: 10, width: 20, height: 5))
        #expect(stats.selectedArea == 100)
    }

    @Test func aShapeOutsideTheImageIsAnErrorThatNamesIt() {
        #expect(throws: OperationError.shapeOutsideImage(shape: "rect 30,2,5,5", imageSize: PixelSize(width: 20, height: 20))) {
            try Self.render([Self.rect(0, 0, 4, 4), Self.rect(30, 2, 5, 5)], 20, 20)
        }
    }

    @Test func roundedRectangleCornersAreArcs() throws {
        let shape = MaskShape(.rect(x: .pixels(2), y: .pixels(2), width: .pixels(30), height: .pixels(20), cornerRadius: .pixels(6)))
        let plane = try Self.render([shape], 34, 24)
        let total = plane.values.reduce(0.0) { $0 + Double($1) }
        let area = 30.0 * 20 - (4 - Double.pi) * 36
        #expect(abs(total - area) / area < 0.001)
    }
}
