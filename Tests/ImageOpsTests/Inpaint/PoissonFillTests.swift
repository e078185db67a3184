import ImageCore
import ImageOps
import Testing
import TestSupport

@Suite struct PoissonFillTests {
    /// A linear ramp is harmonic: the fill of any hole in it is the ramp itself.
    @Test func aHoleInALinearRampIsFilledWithTheRamp() {
        var image = PixelBuffer(width: 96, height: 64, format: .rgba8)
        for y in 0..<64 { for x in 0..<96 { image[x, y] = [UInt8(x * 2), UInt8(y * 3), UInt8(100 + (x + y) / 2), 255] } }
        var hole = Mask(width: 96, height: 64)
        for y in 20..<44 { for x in 30..<70 { hole[x, y] = 255 } }
        var damaged = image
        for y in 20..<44 { for x in 30..<70 { damaged[x, y] = [0, 0, 0, 255] } }
        let filled = PoissonFill.fill(damaged, region: hole)
        var worst = 0
        for y in 20..<44 { for x in 30..<70 { for c in 0..<3 { worst = max(worst, abs(Int(filled[x, y][c]) - Int(image[x, y][c]))) } } }
        #expect(worst <= 2, "largest error \(worst) levels")
        // Outside the hole nothing moves.
        #expect(filled[5, 5] == image[5, 5] && filled[95, 63] == image[95, 63])
    }

    /// With a guide, the guide's detail comes through and a constant offset in it is absorbed.
    @Test func aGuideKeepsItsGradientsOnTheBaseBoundary() {
        var base = PixelBuffer(width: 64, height: 64, format: .rgba8)
        for y in 0..<64 { for x in 0..<64 { base[x, y] = [120, 120, 120, 255] } }
        var guide = base
        for y in 0..<64 { for x in 0..<64 { guide[x, y] = [UInt8(128 + (x % 8)), 128, 128, 255] } }   // +8 shift, with a texture
        var region = Mask(width: 64, height: 64)
        for y in 16..<48 { for x in 16..<48 { region[x, y] = 255 } }
        let blended = PoissonFill.fill(base, region: region, guide: guide)
        // The seam: neighbours across the region's edge differ by about what the guide's
        // own texture does there (≤ 7), not by the +8 shift on top of it.
        var seam = 0
        for y in 16..<48 { seam = max(seam, abs(Int(blended[16, y][1]) - Int(blended[15, y][1]))) }
        #expect(seam <= 1, "green seam \(seam)")
        // The texture survives inside: red climbs by 1 a pixel along x as in the guide
        // (7 levels over x = 32…39, bent a little by the boundary), then falls back.
        let climb = Int(blended[39, 32][0]) - Int(blended[32, 32][0])
        #expect((5...10).contains(climb), "climb \(climb)")
        #expect(Int(blended[40, 32][0]) < Int(blended[39, 32][0]))
    }
}
