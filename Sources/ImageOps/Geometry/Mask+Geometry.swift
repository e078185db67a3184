public import ImageCore

extension Mask {
    /// Adopts a grey buffer's values as coverage (other formats are converted to grey).
    public init(_ buffer: PixelBuffer) {
        let gray = buffer.converted(to: .gray8)
        self.init(width: gray.width, height: gray.height, coverage: gray.packedBytes)
    }

    /// The alpha channel as coverage (alpha 255 = fully selected); formats without alpha
    /// give a fully selected mask.
    public init(alphaOf image: PixelBuffer) {
        self.init(alphaOf: image, inverted: false)
    }

    /// The alpha channel as coverage, inverted when `inverted` (alpha 0 = fully selected,
    /// as in OpenAI's masks). Formats without alpha are opaque: coverage 255, or 0 inverted.
    public init(alphaOf image: PixelBuffer, inverted: Bool) {
        let width = image.width, height = image.height
        guard image.format.layout.hasAlpha else {
            self.init(width: width, height: height, fill: inverted ? 0 : 255)
            return
        }
        // Alpha is the last channel of every layout that has one.
        let bpp = image.format.bytesPerPixel, stride = image.bytesPerRow, flip: UInt8 = inverted ? 255 : 0
        let coverage = [UInt8](unsafeUninitializedCapacity: width * height) { out, initialized in
            image.withUnsafeBytes { bytes in
                let source = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + (bpp - 1)
                for y in 0..<height {
                    let row = source + y * stride, target = out.baseAddress! + y * width
                    for x in 0..<width { target[x] = row[x &* bpp] ^ flip }
                }
            }
            initialized = width * height
        }
        self.init(width: width, height: height, coverage: coverage)
    }

    /// `mask` resampled to `size` (box filter when shrinking, bilinear when enlarging).
    public init(resizing mask: Mask, to size: PixelSize) {
        let shrinking = size.width < mask.width || size.height < mask.height
        self.init(mask.grayBuffer.resized(to: size, options: ResampleOptions(filter: shrinking ? .box : .bilinear)))
    }
}
