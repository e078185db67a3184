import ImageCore
import ImageOps
import Testing
import TestSupport

@Suite struct CropPlacementTests {
    /// A transparent canvas with an opaque subject in a known box.
    static func cutout(canvas: PixelSize, subject: PixelRect) -> PixelBuffer {
        var image = PixelBuffer(width: canvas.width, height: canvas.height, format: .rgba8)
        for y in subject.y..<subject.maxY { for x in subject.x..<subject.maxX { image[x, y] = [200, 50, 50, 255] } }
        return image
    }

    @Test(arguments: [PixelRect(x: 10, y: 10, width: 40, height: 30), PixelRect(x: 150, y: 60, width: 45, height: 35), PixelRect(x: 0, y: 70, width: 30, height: 30)])
    func subjectGravityKeepsTheWholeSubjectWhenItFits(box: PixelRect) {
        let image = Self.cutout(canvas: PixelSize(width: 200, height: 100), subject: box)
        let result = CropPlacement.place(PixelSize(width: 100, height: 100), in: image, gravity: .subject)
        #expect(result.subjectFits)
        #expect(result.rect.contains(box), "\(result.rect) should contain \(box)")
        #expect(result.retention == 1)
    }

    @Test func subjectGravityReportsWhenTheSubjectCannotFit() {
        let image = Self.cutout(canvas: PixelSize(width: 200, height: 100), subject: PixelRect(x: 20, y: 10, width: 160, height: 80))
        let result = CropPlacement.place(PixelSize(width: 100, height: 100), in: image, gravity: .subject)
        #expect(!result.subjectFits)
        #expect(result.retention < 1)
    }

    /// retention is the share of the subject's coverage mass, the same measure for
    /// every gravity; areaKept the share of the area.
    @Test func retentionIsTheImportanceMassKept() {
        // A 40×40 subject at x 20…59; a 100-wide crop at x 0 keeps it all, at x 40 half.
        let image = Self.cutout(canvas: PixelSize(width: 200, height: 100), subject: PixelRect(x: 20, y: 30, width: 40, height: 40))
        let left = CropPlacement.place(PixelSize(width: 100, height: 100), in: image, gravity: .focalPixels(x: 50, y: 50))
        #expect(left.retention == 1 && left.areaKept == 0.5)
        let shifted = CropPlacement.place(PixelSize(width: 100, height: 100), in: image, gravity: .focalPixels(x: 90, y: 50))
        #expect(shifted.rect.x == 40)
        #expect(abs(shifted.retention - 0.5) < 1e-9)
    }

    @Test func focalAndCentreGravity() {
        let image = SyntheticImages.gradient(width: 300, height: 100)
        #expect(CropPlacement.place(PixelSize(width: 100, height: 100), in: image, gravity: .center).rect == PixelRect(x: 100, y: 0, width: 100, height: 100))
        #expect(CropPlacement.place(PixelSize(width: 100, height: 100), in: image, gravity: .focal(x: 0.9, y: 0.5)).rect.x == 200)
        #expect(CropPlacement.place(PixelSize(width: 100, height: 100), in: image, gravity: .focal(x: 0, y: 0.5)).rect.x == 0)
    }

    /// A detailed patch on a flat field: entropy and attention both move the crop onto it.
    @Test(arguments: [Gravity.entropy, .attention])
    func contentGravityFindsTheDetail(gravity: Gravity) {
        var image = PixelBuffer(width: 400, height: 200, format: .rgba8)
        for y in 0..<200 { for x in 0..<400 { image[x, y] = [120, 130, 140, 255] } }
        let noise = SyntheticImages.noise(width: 80, height: 80, seed: 3, opaque: true)
        for y in 0..<80 { for x in 0..<80 { image[290 + x, 60 + y] = noise[x, y] } }
        let result = CropPlacement.place(PixelSize(width: 200, height: 200), in: image, gravity: gravity)
        #expect(result.rect.contains(PixelRect(x: 290, y: 60, width: 80, height: 80)), "\(gravity): \(result.rect)")
    }
}
