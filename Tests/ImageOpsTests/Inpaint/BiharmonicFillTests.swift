import ImageCore
@testable import ImageOps
import Testing

@Suite struct BiharmonicFillTests {
    /// R, G, B = quadratics in x and y. Δ²u = 0 for any quadratic, so the biharmonic fill
    /// must give them back inside a hole (to rounding), where the harmonic fill (Δu = 0)
    /// cannot: Δ(x²) = 2.
    static func quadratic(width: Int, height: Int) -> PixelBuffer {
        PixelBuffer(width: width, height: height, format: .rgb8) { bytes, stride in
            for y in 0..<height {
                for x in 0..<width {
                    let dx = Double(x - width / 2), dy = Double(y - height / 2)
                    let values = [40 + dx * dx / 12, 200 - dy * dy / 12, 128 + dx * dy / 12]
                    for c in 0..<3 { bytes[y * stride + 3 * x + c] = UInt8(max(0, min(255, values[c].rounded()))) }
                }
            }
        }
    }

    static func disc(width: Int, height: Int, centre: (Int, Int), radius: Int) -> Mask {
        var mask = Mask(width: width, height: height)
        for y in 0..<height { for x in 0..<width where (x - centre.0) * (x - centre.0) + (y - centre.1) * (y - centre.1) <= radius * radius { mask[x, y] = 255 } }
        return mask
    }

    static func largestError(_ a: PixelBuffer, _ b: PixelBuffer, in mask: Mask) -> Int {
        var worst = 0
        for y in 0..<a.height { for x in 0..<a.width where mask[x, y] > 0 { for c in 0..<3 { worst = max(worst, abs(Int(a[x, y][c]) - Int(b[x, y][c]))) } } }
        return worst
    }

    @Test func aQuadraticComesBackWhereTheHarmonicFillSags() {
        let image = Self.quadratic(width: 96, height: 96)
        let hole = Self.disc(width: 96, height: 96, centre: (48, 48), radius: 16)
        let biharmonic = BiharmonicFill.fill(image, region: hole)
        let harmonic = PoissonFill.fill(image, region: hole)
        #expect(Self.largestError(biharmonic, image.converted(to: .rgba8), in: hole) <= 2)
        #expect(Self.largestError(harmonic, image.converted(to: .rgba8), in: hole) >= 8)
    }

    /// Outside the region nothing changes; what lies under the region is never read; two
    /// holes close together are solved as one group, a hole at the image's corner works.
    @Test func onlyTheRegionChangesAndItsOldPixelsAreNotRead() {
        let image = Self.quadratic(width: 80, height: 60)
        var hole = Self.disc(width: 80, height: 60, centre: (30, 30), radius: 8)
        for y in 0..<60 { for x in 0..<80 where (x - 44) * (x - 44) + (y - 30) * (y - 30) <= 25 || x + y < 6 { hole[x, y] = 255 } }
        var scribbled = image.converted(to: .rgba8)
        for y in 0..<60 { for x in 0..<80 where hole[x, y] > 0 { scribbled[x, y] = [UInt8((x * 37) % 256), 0, 255, 255] } }
        let clean = BiharmonicFill.fill(image, region: hole), dirty = BiharmonicFill.fill(scribbled, region: hole)
        #expect(clean == dirty)
        let rgba = image.converted(to: .rgba8)
        for y in 0..<60 { for x in 0..<80 where hole[x, y] == 0 { #expect(clean[x, y] == rgba[x, y]) } }
        // Away from the image's edge (where the fill has no slope to follow) the quadratic is back.
        var discs = hole
        for y in 0..<60 { for x in 0..<80 where x + y < 6 { discs[x, y] = 0 } }
        #expect(Self.largestError(clean, rgba, in: discs) <= 2)
        #expect(BiharmonicFill.groups(of: hole).count == 2)
    }

    /// The local provider's mix: halfway between the thin plate and the membrane, per pixel.
    @Test func theMembraneWeightMixesTheTwoFills() {
        let image = Self.quadratic(width: 96, height: 96)
        let hole = Self.disc(width: 96, height: 96, centre: (40, 50), radius: 12)
        let plate = BiharmonicFill.fill(image, region: hole), membrane = PoissonFill.fill(image, region: hole)
        let mixed = BiharmonicFill.fill(image, region: hole, membraneWeight: 0.5)
        for y in 0..<96 { for x in 0..<96 where hole[x, y] > 0 {
            for c in 0..<3 { #expect(abs(2 * Int(mixed[x, y][c]) - Int(plate[x, y][c]) - Int(membrane[x, y][c])) <= 2) }
        } }
        #expect(BiharmonicFill.fill(image, region: hole, membraneWeight: 1) == membrane)
    }

    /// A dithered mask (thousands of separate dots) is one group, not a quadratic pairing;
    /// its dots (each a separate block of the band matrix) are filled all the same.
    @Test func aDitheredMaskIsOneGroup() {
        var dots = Mask(width: 300, height: 300)
        for y in stride(from: 2, to: 298, by: 5) { for x in stride(from: 2, to: 298, by: 5) { dots[x, y] = 255 } }
        #expect(BiharmonicFill.groups(of: dots).count == 1)
        let image = Self.quadratic(width: 300, height: 300), rgba = image.converted(to: .rgba8)
        let filled = BiharmonicFill.fill(image, region: dots)
        #expect(Self.largestError(filled, rgba, in: dots) <= 2)
    }

    /// A group over the work limit keeps the harmonic fill (and still fills every pixel).
    @Test func aHugeRegionFallsBackToTheHarmonicFill() {
        let image = Self.quadratic(width: 400, height: 400)
        var hole = Mask(width: 400, height: 400)
        for y in 20..<380 { for x in 20..<380 { hole[x, y] = 255 } }
        #expect(BiharmonicFill.fill(image, region: hole) == PoissonFill.fill(image, region: hole))
    }
}
