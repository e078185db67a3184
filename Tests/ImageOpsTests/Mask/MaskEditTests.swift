import Foundation
import ImageCore
import ImageOps
import Testing

/// Grow, shrink, feather and boolean operations against analytic references.
@Suite struct MaskEditTests {
    static func disc(_ cx: Double, _ cy: Double, _ r: Double, size: Int) throws -> CoveragePlane {
        try ShapeRenderer.render([MaskShape(.ellipse(cx: .pixels(cx), cy: .pixels(cy), rx: .pixels(r), ry: .pixels(r)))],
                                 size: PixelSize(width: size, height: size))
    }

    static func levels(_ a: CoveragePlane, _ b: CoveragePlane) -> Int {
        var worst = 0
        let ma = a.mask.bytes, mb = b.mask.bytes
        for i in 0..<ma.count { worst = max(worst, abs(Int(ma[i]) - Int(mb[i]))) }
        return worst
    }

    /// Mean absolute difference in levels over the pixels that are partial in `b`.
    static func meanEdgeLevels(_ a: CoveragePlane, _ b: CoveragePlane) -> Double {
        let ma = a.mask.bytes, mb = b.mask.bytes
        var total = 0, count = 0
        for i in 0..<ma.count where mb[i] > 0 && mb[i] < 255 { total += abs(Int(ma[i]) - Int(mb[i])); count += 1 }
        return Double(total) / Double(max(count, 1))
    }

    @Test(arguments: [(3.0, 12.3), (7.5, 20.0), (12.25, 15.6)])
    func growingADiscGivesTheLargerDisc(r: Double, radius: Double) throws {
        let grown = try Self.disc(40.3, 38.8, radius, size: 80).offset(by: r)
        let expected = try Self.disc(40.3, 38.8, radius + r, size: 80)
        #expect(Self.levels(grown, expected) <= 1, "grow \(r): \(Self.levels(grown, expected)) levels")
        #expect(Self.meanEdgeLevels(grown, expected) <= 1)
        let shrunk = try Self.disc(40.3, 38.8, radius + r, size: 80).offset(by: -r)
        let original = try Self.disc(40.3, 38.8, radius, size: 80)
        #expect(Self.levels(shrunk, original) <= 1, "shrink \(r): \(Self.levels(shrunk, original)) levels")
        #expect(Self.meanEdgeLevels(shrunk, original) <= 1)
    }

    /// Grow by r then shrink by r: the disc comes back within one level (issue 5), and
    /// within a quarter level on average over its edge pixels.
    @Test(arguments: [2.5, 6.0, 10.0])
    func growThenShrinkReturnsTheDisc(r: Double) throws {
        let disc = try Self.disc(32.6, 31.2, 14.4, size: 64)
        let back = disc.offset(by: r).offset(by: -r)
        #expect(Self.levels(back, disc) <= 1, "r \(r): \(Self.levels(back, disc)) levels")
        #expect(Self.meanEdgeLevels(back, disc) <= 0.25, "r \(r): mean \(Self.meanEdgeLevels(back, disc)) levels")
    }

    /// A ring's inner edge is concave: growing the ring by r moves it in by r, within one
    /// level of the rasterised ring.
    @Test(arguments: [2.0, 4.5])
    func growingARingMovesBothEdges(r: Double) throws {
        func ring(_ outer: Double, _ inner: Double) throws -> CoveragePlane {
            try ShapeRenderer.render([MaskShape(.ellipse(cx: .pixels(40.3), cy: .pixels(39.6), rx: .pixels(outer), ry: .pixels(outer))),
                                      MaskShape(.ellipse(cx: .pixels(40.3), cy: .pixels(39.6), rx: .pixels(inner), ry: .pixels(inner)), operation: .subtract)],
                                     size: PixelSize(width: 80, height: 80))
        }
        let grown = try ring(24.2, 13.7).offset(by: r)
        let expected = try ring(24.2 + r, 13.7 - r)
        #expect(Self.levels(grown, expected) <= 1, "r \(r): \(Self.levels(grown, expected)) levels")
    }

    /// Two overlapping discs meet in concave corners; grown by r they are the union of
    /// the grown discs (exact). The grown corners stay sharp, and a pixel holding one is
    /// covered by two edges, which a distance and a normal cannot describe: those few
    /// pixels err (by up to 100 levels); everywhere else the edge is within one level.
    @Test(arguments: [2.0, 5.0])
    func growingTwoDiscsGivesTheLargerDiscs(r: Double) throws {
        func pair(_ grow: Double) throws -> CoveragePlane {
            try ShapeRenderer.render([MaskShape(.ellipse(cx: .pixels(30.4), cy: .pixels(40.2), rx: .pixels(14.3 + grow), ry: .pixels(14.3 + grow))),
                                      MaskShape(.ellipse(cx: .pixels(50.7), cy: .pixels(38.9), rx: .pixels(12.1 + grow), ry: .pixels(12.1 + grow)))],
                                     size: PixelSize(width: 80, height: 80))
        }
        let grown = try pair(0).offset(by: r).mask.bytes, expected = try pair(r).mask.bytes
        let off = (0..<grown.count).filter { abs(Int(grown[$0]) - Int(expected[$0])) > 1 }
        // The two corners are where the circles of radius 14.3 + r and 12.1 + r cross.
        #expect(off.count <= 6, "r \(r): \(off.count) pixels off by more than a level")
        for k in off {
            let x = Double(k % 80) + 0.5, y = Double(k / 80) + 0.5
            let d1 = ((x - 30.4) * (x - 30.4) + (y - 40.2) * (y - 40.2)).squareRoot() - (14.3 + r)
            let d2 = ((x - 50.7) * (x - 50.7) + (y - 38.9) * (y - 38.9)).squareRoot() - (12.1 + r)
            #expect(abs(d1) < 1.5 && abs(d2) < 1.5, "(\(k % 80), \(k / 80)) is off and not at a corner")
        }
    }

    /// A rectangle at fractional coordinates: its corner pixels hold two edges each, so the
    /// corners are rebuilt where the sides' lines meet; grown by r it is the rounded
    /// rectangle of corner radius r, within 6 levels (the reference's arcs are themselves
    /// flattened to within 2; before corners were rebuilt: 80).
    @Test(arguments: [2.5, 4.0, 9.5])
    func growingAFractionalRectangleRoundsItsCorners(r: Double) throws {
        func rect(_ grow: Double) throws -> CoveragePlane {
            try ShapeRenderer.render([MaskShape(.rect(x: .pixels(30.3 - grow), y: .pixels(25.7 - grow), width: .pixels(60.3 + 2 * grow),
                                                      height: .pixels(54.5 + 2 * grow), cornerRadius: .pixels(grow)))],
                                     size: PixelSize(width: 120, height: 110))
        }
        let grown = try rect(0).offset(by: r), expected = try rect(r)
        #expect(Self.levels(grown, expected) <= 6, "r \(r): \(Self.levels(grown, expected)) levels")
    }

    @Test func growingASquareRoundsItsCornersWithTheGrowRadius() throws {
        let square = MaskShape(.rect(x: .pixels(20), y: .pixels(20), width: .pixels(24), height: .pixels(24), cornerRadius: .pixels(0)))
        let plane = try ShapeRenderer.render([square], size: PixelSize(width: 64, height: 64)).offset(by: 8)
        let rounded = MaskShape(.rect(x: .pixels(12), y: .pixels(12), width: .pixels(40), height: .pixels(40), cornerRadius: .pixels(8)))
        let expected = try ShapeRenderer.render([rounded], size: PixelSize(width: 64, height: 64))
        #expect(Self.levels(plane, expected) <= 4, "\(Self.levels(plane, expected)) levels")
        // Diagonally out from the corner the edge is at distance 8 (not 8√2, as a square
        // structuring element would give); straight sides move out by exactly 8.
        #expect(plane.mask[13, 13] == 0 && plane.mask[15, 15] == 255)
        #expect(plane.mask[12, 30] == 255 && plane.mask[11, 30] == 0)
    }

    /// The sampled Gaussian (Double, truncated at 8σ, edges extended) at x of a line that
    /// is 1 where `inside` holds and 0 elsewhere.
    static func exactLine(at x: Int, width: Int, sigma: Double, inside: (Int) -> Bool) -> Double {
        let radius = Int(8 * sigma)
        var exact = 0.0, total = 0.0
        for k in -radius...radius {
            let w = exp(-Double(k * k) / (2 * sigma * sigma))
            total += w
            if inside(min(max(x + k, 0), width - 1)) { exact += w }
        }
        return exact / total
    }

    /// A step edge blurred against the sampled Gaussian (Double, truncated at 8σ).
    @Test(arguments: [1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 20.0, 40.0])
    func gaussianFeatherMatchesTheExactGaussian(sigma: Double) {
        let width = Int(16 * sigma) + 40, height = 3
        var plane = CoveragePlane(width: width, height: height)
        let edge = width / 2
        for y in 0..<height { for x in 0..<edge { plane.values[y * width + x] = 1 } }
        let blurred = plane.blurred(sigma: sigma)
        var worst = 0.0
        for x in 0..<width {
            worst = max(worst, abs(Double(blurred.values[width + x]) - Self.exactLine(at: x, width: width, sigma: sigma) { $0 < edge }))
        }
        // Exact kernel below σ 2; the recursive Gaussian above, far inside issue 5's 2/255.
        #expect(worst * 255 <= 0.1, "σ \(sigma): \(worst * 255) levels")
    }

    /// A plateau between two edges, long enough that its middle is skipped (the
    /// recursions restart from its steady state on both sides), against the exact Gaussian.
    @Test(arguments: [4.0, 10.0, 20.0])
    func constantStretchesAreSkippedWithoutError(sigma: Double) {
        let width = Int(40 * sigma), height = 2
        var plane = CoveragePlane(width: width, height: height)
        let rise = width / 4, fall = 3 * width / 4
        for y in 0..<height { for x in rise..<fall { plane.values[y * width + x] = 1 } }
        let blurred = plane.blurred(sigma: sigma)
        var worst = 0.0
        for x in 0..<width {
            worst = max(worst, abs(Double(blurred.values[width + x]) - Self.exactLine(at: x, width: width, sigma: sigma) { (rise..<fall).contains($0) }))
        }
        #expect(worst * 255 <= 0.1, "σ \(sigma): \(worst * 255) levels")
    }

    /// Both directions, near the image's edges (extended, not zero): a 2-D mask against
    /// the separable exact Gaussian, within 0.15 levels (the two 1-D errors add up where
    /// edges meet).
    @Test(arguments: [1.5, 4.0, 12.0])
    func gaussianBlurIsExactInBothDirectionsAndAtTheEdges(sigma: Double) throws {
        let width = 45, height = 37
        let plane = try ShapeRenderer.render([MaskShape(.rect(x: .pixels(-3), y: .pixels(-2), width: .pixels(20), height: .pixels(15), cornerRadius: .pixels(0))),
                                              MaskShape(.ellipse(cx: .pixels(35), cy: .pixels(30), rx: .pixels(9), ry: .pixels(7)))],
                                             size: PixelSize(width: width, height: height))
        let blurred = plane.blurred(sigma: sigma)
        let radius = Int(8 * sigma)
        let kernel = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = kernel.reduce(0, +)
        var rows = [Double](repeating: 0, count: width * height), exact = rows
        for y in 0..<height { for x in 0..<width {
            rows[y * width + x] = (-radius...radius).reduce(0.0) { $0 + kernel[$1 + radius] * Double(plane.values[y * width + min(max(x + $1, 0), width - 1)]) } / total
        } }
        for y in 0..<height { for x in 0..<width {
            exact[y * width + x] = (-radius...radius).reduce(0.0) { $0 + kernel[$1 + radius] * rows[min(max(y + $1, 0), height - 1) * width + x] } / total
        } }
        let worst = zip(blurred.values, exact).map { abs(Double($0) - $1) }.max()!
        #expect(worst * 255 <= 0.15, "σ \(sigma): \(worst * 255) levels")
    }

    /// The 8-bit path (`Mask.blur`, no Float plane) against the exact separable Gaussian of
    /// the same bytes, unrounded: within 1.5 levels (half a level from rounding the result,
    /// up to half from rounding between the passes), narrow masks included.
    @Test(arguments: [(45, 37, 4.0), (45, 37, 12.0), (5, 29, 3.0)])
    func maskBlurStaysWithinALevel(width: Int, height: Int, sigma: Double) throws {
        let plane = try ShapeRenderer.render([MaskShape(.rect(x: .pixels(-3), y: .pixels(-2), width: .pixels(20), height: .pixels(15), cornerRadius: .pixels(0))),
                                              MaskShape(.ellipse(cx: .percent(78), cy: .percent(81), rx: .pixels(9), ry: .pixels(7)))],
                                             size: PixelSize(width: width, height: height))
        let mask = plane.mask, blurred = mask.blurred(sigma: sigma)
        let source = mask.bytes.map(Double.init)
        let radius = Int(8 * sigma)
        let kernel = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = kernel.reduce(0, +)
        var rows = [Double](repeating: 0, count: width * height)
        for y in 0..<height { for x in 0..<width {
            rows[y * width + x] = (-radius...radius).reduce(0.0) { $0 + kernel[$1 + radius] * source[y * width + min(max(x + $1, 0), width - 1)] } / total
        } }
        var worst = 0.0
        for y in 0..<height { for x in 0..<width {
            let exact = (-radius...radius).reduce(0.0) { $0 + kernel[$1 + radius] * rows[min(max(y + $1, 0), height - 1) * width + x] } / total
            worst = max(worst, abs(Double(blurred[x, y]) - exact))
        } }
        #expect(worst <= 1.5, "\(width)×\(height) σ \(sigma): \(worst) levels")
    }

    @Test func featherRadiusMapsToSigma() {
        #expect(FeatherCompatibility.retouch.sigma(radius: 10) == 5)
        #expect(abs(FeatherCompatibility.gimp.sigma(radius: 7) - 2) < 1e-12)
    }

    @Test(arguments: [8.0, 12.0, 20.0])
    func rampFeatherSpansExactlyItsWidth(r: Double) {
        let width = 100
        var plane = CoveragePlane(width: width, height: 5)
        for y in 0..<5 { for x in 0..<50 { plane.values[y * width + x] = 1 } }   // edge at x = 50
        let ramp = plane.feathered(radius: r, mode: .ramp)
        // Pixel centres at x + 0.5; signed distance x + 0.5 − 50; coverage 0.5 − d / r.
        for x in 0..<width {
            let d = Double(x) + 0.5 - 50
            let expected = min(max(0.5 - d / r, 0), 1)
            #expect(abs(Double(ramp.values[2 * width + x]) - expected) < 1e-4, "x \(x)")
        }
        let partial = (0..<width).filter { ramp.values[2 * width + $0] > 0 && ramp.values[2 * width + $0] < 1 }
        #expect(Double(partial.count) <= r && Double(partial.count) >= r - 1)
    }

    @Test func rampKeepsThinPartsOpaque() throws {
        // A 4 px bar feathered with r = 20: its middle stays selected.
        let bar = MaskShape(.rect(x: .pixels(10), y: .pixels(30), width: .pixels(60), height: .pixels(4), cornerRadius: .pixels(0)))
        let plane = try ShapeRenderer.render([bar], size: PixelSize(width: 80, height: 64)).feathered(radius: 20, mode: .ramp)
        #expect(plane.values[31 * 80 + 40] > 0.99 || plane.values[32 * 80 + 40] > 0.99)
        // No spill beyond r/2 = 10 px from the edge.
        #expect(plane.values[(34 + 10) * 80 + 40] == 0)
    }

    @Test func booleanOperations() {
        let a = CoveragePlane(width: 2, height: 1, values: [1, 0.25])
        let b = CoveragePlane(width: 2, height: 1, values: [0.5, 0.75])
        #expect(a.union(b).values == [1, 0.75])
        #expect(a.intersection(b).values == [0.5, 0.25])
        #expect(a.subtracting(b).values == [0.5, 0.25])
        #expect(a.inverted().values == [0, 0.75])
    }

    /// A cut-out's mask: an opaque core (a square, rows/columns 30…69) in a flat 20 %
    /// shadow (rows/columns 10…89). Grow and shrink by 2 move both edges by 2 pixels
    /// and leave the shadow at 20 % (it was thresholded to 0 or 100 % before).
    @Test func growingAndShrinkingASoftMaskMovesItsEdgesAndKeepsTheShadow() {
        let size = 100
        var plane = CoveragePlane(width: size, height: size)
        for y in 10..<90 { for x in 10..<90 { plane.values[y * size + x] = (30..<70).contains(x) && (30..<70).contains(y) ? 1 : 0.2 } }
        #expect(plane.isSoft)
        let grown = plane.offset(by: 2), shrunk = plane.offset(by: -2)
        // To 8 bits, as written (1 − (1 − 0.2) is not 0.2 in Float).
        func value(_ p: CoveragePlane, _ x: Int, _ y: Int) -> Float { (p.values[y * size + x] * 255).rounded() / 255 }
        let shadow: Float = (0.2 * 255).rounded() / 255
        // The shadow's interior keeps its value.
        for (x, y) in [(20, 50), (50, 20), (15, 15), (80, 80)] {
            #expect(value(grown, x, y) == shadow && value(shrunk, x, y) == shadow, "(\(x),\(y))")
        }
        // The core's edge (x 30 → 28 grown, → 32 shrunk) and the shadow's outer edge (x 10 → 8, → 12).
        #expect(value(grown, 28, 50) == 1 && value(grown, 27, 50) == shadow)
        #expect(value(shrunk, 32, 50) == 1 && value(shrunk, 31, 50) == shadow)
        #expect(value(grown, 8, 50) == shadow && value(grown, 7, 50) == 0)
        #expect(value(shrunk, 12, 50) == shadow && value(shrunk, 11, 50) == 0)
        // A disc, not a square: the grown corner is rounded ((1, 1) from the corner is
        // inside radius 2, (2, 1) at 2.24 is not).
        #expect(value(grown, 29, 29) == 1 && value(grown, 28, 29) == shadow && value(grown, 28, 28) == shadow)
    }

    /// A hard, anti-aliased disc is not soft (its partial pixels are its edge).
    @Test func aHardMaskIsNotSoft() throws {
        #expect(!(try Self.disc(40.3, 38.8, 20, size: 80).isSoft))
    }
}
