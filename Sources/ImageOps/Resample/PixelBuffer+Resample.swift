public import ImageCore

extension PixelBuffer {
    /// The image resampled to `size` with a separable two-pass filter.
    ///
    /// Colour is filtered premultiplied by alpha (no fringes around transparent edges),
    /// in 8-bit sRGB values or, with `linearLight`, in linear light. Opaque 8-bit sRGB
    /// input takes a fast path (within 1 level of the general path). The result has
    /// the source's format (straight alpha). With `rect`, only that part of the image is
    /// resampled (a crop without a copy).
    /// - Precondition: `size` is at least 1×1 and `rect`, when given, lies inside the image.
    public func resized(to size: PixelSize, from rect: PixelRect? = nil, options: ResampleOptions = .default) -> PixelBuffer {
        precondition(size.width >= 1 && size.height >= 1, "target size \(size) must be at least 1×1")
        let region = rect ?? PixelRect(size: self.size)
        precondition(!region.isEmpty && PixelRect(size: self.size).contains(region), "source rectangle \(region) is not inside \(self.size)")
        let originalFormat = format
        var source = self
        if format.alpha == .premultiplied { source = source.unpremultiplied() }
        source = source.converted(to: .rgba8)
        if size == self.size && region == PixelRect(size: self.size) && !options.linearLight { return self }
        let horizontal = ResampleWeights(inputCount: region.width, outputCount: size.width, filter: options.filter)
        let vertical = ResampleWeights(inputCount: region.height, outputCount: size.height, filter: options.filter)
        let opaque = source.isOpaque
        let result: PixelBuffer
        if opaque && !options.linearLight && options.allowFastPath {
            result = OpaqueResampler.resample(source, region: region, to: size, horizontal: horizontal, vertical: vertical)
        } else {
            result = FloatResampler.resample(source, region: region, to: size, horizontal: horizontal, vertical: vertical,
                                             premultiply: !opaque, linearLight: options.linearLight)
        }
        switch originalFormat.layout {
        case .rgba: return result
        case .gray: return result.converted(to: .gray8)
        case .grayAlpha: return result.converted(to: .grayAlpha8)
        case .rgb: return result.converted(to: .rgb8)
        }
    }
}
