public import ImageCore

extension Mask {
    /// Adopts a grey buffer's values as coverage (other formats are converted to grey).
    public init(_ buffer: PixelBuffer) {
        let gray = buffer.converted(to: .gray8)
        self.init(width: gray.width, height: gray.height, coverage: gray.packedBytes)
    }

    /// `mask` resampled to `size` (box filter when shrinking, bilinear when enlarging).
    public init(resizing mask: Mask, to size: PixelSize) {
        let shrinking = size.width < mask.width || size.height < mask.height
        self.init(mask.grayBuffer.resized(to: size, options: ResampleOptions(filter: shrinking ? .box : .bilinear)))
    }
}
