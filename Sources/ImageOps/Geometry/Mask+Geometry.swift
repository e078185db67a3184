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
        let rgba = image.converted(to: .rgba8)
        var coverage = [UInt8](repeating: 0, count: image.width * image.height)
        rgba.withUnsafeBytes { bytes in
            for y in 0..<image.height {
                for x in 0..<image.width { coverage[y * image.width + x] = bytes[y * rgba.bytesPerRow + x * 4 + 3] }
            }
        }
        self.init(width: image.width, height: image.height, coverage: coverage)
    }

    /// `mask` resampled to `size` (box filter when shrinking, bilinear when enlarging).
    public init(resizing mask: Mask, to size: PixelSize) {
        let shrinking = size.width < mask.width || size.height < mask.height
        self.init(mask.grayBuffer.resized(to: size, options: ResampleOptions(filter: shrinking ? .box : .bilinear)))
    }
}
