import ImageCore
import Testing
import TestSupport

@Suite struct PixelBufferTests {
    @Test(arguments: SyntheticImages.oddSizes)
    func packedBufferHasTightRows(width: Int, height: Int) {
        let buffer = PixelBuffer(width: width, height: height, format: .rgba8)
        #expect(buffer.bytesPerRow == width * 4)
        #expect(buffer.isPacked)
        #expect(buffer.packedBytes.count == width * height * 4)
    }

    @Test func paddedRowsCompareEqualToPackedRows() {
        let packed = SyntheticImages.gradient(width: 5, height: 3)
        var padded = [UInt8](repeating: 0xEE, count: 3 * 24)
        for y in 0..<3 {
            padded.replaceSubrange(y * 24..<y * 24 + 20, with: packed.row(y))
        }
        let strided = PixelBuffer(width: 5, height: 3, bytesPerRow: 24, format: .rgba8, bytes: padded)
        #expect(!strided.isPacked)
        #expect(strided == packed)
        #expect(strided.packedBytes == packed.packedBytes)
        #expect(strided[4, 2] == packed[4, 2])
    }

    @Test func copiesAreIndependent() {
        let original = SyntheticImages.gradient(width: 4, height: 4)
        var copy = original
        copy[1, 1] = [1, 2, 3, 4]
        #expect(copy[1, 1] == [1, 2, 3, 4])
        #expect(original[1, 1] != [1, 2, 3, 4])
    }

    @Test func opacityAndGreyDetection() {
        var image = PixelBuffer(width: 3, height: 2, format: .rgba8)
        image.withUnsafeMutableBytes { bytes in for i in 0..<bytes.count { bytes[i] = 255 } }
        #expect(image.isOpaque)
        #expect(image.isGrayscale)
        image[2, 1] = [255, 255, 255, 254]
        #expect(!image.isOpaque)
        image[0, 0] = [255, 254, 255, 255]
        #expect(!image.isGrayscale)
    }

    @Test func conversionUsesRec601Luma() {
        var image = PixelBuffer(width: 3, height: 1, format: .rgb8)
        image[0, 0] = [255, 0, 0]
        image[1, 0] = [0, 255, 0]
        image[2, 0] = [0, 0, 255]
        let gray = image.converted(to: .gray8)
        // round(0.299·255) = 76, round(0.587·255) = 150, round(0.114·255) = 29
        #expect(gray.packedBytes == [76, 150, 29])
        #expect(image.converted(to: .rgba8)[1, 0] == [0, 255, 0, 255])
    }

    @Test func compositeOverBackground() {
        var image = PixelBuffer(width: 2, height: 1, format: .rgba8)
        image[0, 0] = [255, 0, 0, 128]
        image[1, 0] = [10, 20, 30, 0]
        let flat = image.composited(over: .white)
        // (255·128 + 255·127)/255 = 255; (0·128 + 255·127)/255 = 127
        #expect(flat[0, 0] == [255, 127, 127])
        #expect(flat[1, 0] == [255, 255, 255])
    }
}
