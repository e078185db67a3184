import ImageCore
import Testing
import TestSupport

@Suite struct OrientationTests {
    /// The EXIF definitions, written out per pixel: upright (x, y) ← stored (sx, sy).
    static func reference(_ o: Orientation, x: Int, y: Int, width w: Int, height h: Int) -> (Int, Int) {
        switch o {
        case .identity: (x, y)
        case .flipHorizontal: (w - 1 - x, y)
        case .rotate180: (w - 1 - x, h - 1 - y)
        case .flipVertical: (x, h - 1 - y)
        case .transpose: (y, x)
        case .rotate90Clockwise: (y, h - 1 - x)
        case .transverse: (w - 1 - y, h - 1 - x)
        case .rotate90CounterClockwise: (w - 1 - y, x)
        }
    }

    @Test(arguments: Orientation.allCases, [(1, 1), (3, 5), (7, 2), (257, 1)])
    func matchesDefinition(orientation: Orientation, size: (Int, Int)) {
        let stored = SyntheticImages.coordinates(width: size.0, height: size.1)
        let upright = stored.oriented(orientation)
        #expect(upright.size == orientation.uprightSize(of: stored.size))
        var mismatches = 0
        for y in 0..<upright.height {
            for x in 0..<upright.width {
                let (sx, sy) = Self.reference(orientation, x: x, y: y, width: size.0, height: size.1)
                if upright[x, y] != stored[sx, sy] { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
    }

    @Test(arguments: [PixelFormat.gray8, .rgb8, .grayAlpha8])
    func otherFormatsRotateToo(format: PixelFormat) {
        let stored = SyntheticImages.coordinates(width: 4, height: 3).converted(to: format)
        let rotated = stored.oriented(.rotate90Clockwise)
        #expect(rotated.width == 3 && rotated.height == 4)
        #expect(rotated[0, 0] == stored[0, 2])
        #expect(rotated[2, 3] == stored[3, 0])
    }

    @Test func fourQuarterTurnsAreIdentity() {
        let stored = SyntheticImages.noise(width: 9, height: 4, seed: 7)
        var image = stored
        for _ in 0..<4 { image = image.oriented(.rotate90Clockwise) }
        #expect(image == stored)
        #expect(stored.oriented(.transverse).oriented(.transverse) == stored)
        #expect(stored.oriented(.rotate90Clockwise).oriented(.rotate90CounterClockwise) == stored)
    }

    @Test(arguments: [0, 9, -1, 255])
    func invalidValuesMeanUpright(value: Int) {
        #expect(Orientation(exifValue: value) == .identity)
    }
}
