import ImageCore
import Testing

@Suite struct GeometryTests {
    @Test func rectIsHalfOpen() {
        let rect = PixelRect(x: 2, y: 3, width: 4, height: 5)
        #expect(rect.contains(x: 2, y: 3))
        #expect(!rect.contains(x: 6, y: 3))
        #expect(!rect.contains(x: 2, y: 8))
        #expect(rect.intersection(PixelRect(x: 6, y: 0, width: 3, height: 20)) == nil)
        #expect(rect.intersection(PixelRect(x: 5, y: 7, width: 10, height: 10)) == PixelRect(x: 5, y: 7, width: 1, height: 1))
    }

    @Test func maskInvertsAndCounts() {
        var mask = Mask(width: 4, height: 2)
        mask[1, 1] = 255
        mask[2, 1] = 10
        #expect(mask.selectedPixelCount == 2)
        let inverted = mask.inverted()
        #expect(inverted[1, 1] == 0)
        #expect(inverted[0, 0] == 255)
        #expect(inverted.selectedPixelCount == 7)
        #expect(mask.grayBuffer.format == .gray8)
    }

    @Test func hexColours() {
        #expect(RGB8(hex: "#FF8000") == RGB8(red: 255, green: 128, blue: 0))
        #expect(RGB8(hex: "00ff00")?.description == "#00ff00")
        #expect(RGB8(hex: "#12345") == nil)
        #expect(RGB8(hex: "zzzzzz") == nil)
    }
}
