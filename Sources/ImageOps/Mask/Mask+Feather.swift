public import ImageCore

extension Mask {
    /// Blurs the mask with standard deviation `sigma` pixels (edges extended) in place:
    /// in 8-bit without a Float plane when σ ≥ 2 (within one level of the exact Gaussian,
    /// and of `CoveragePlane.blurred`), through a `CoveragePlane` below.
    public mutating func blur(sigma: Double) {
        guard sigma > 0 else { return }
        guard sigma >= GaussianBlur.exactBelow else { self = CoveragePlane(self).blurred(sigma: sigma).mask; return }
        let (w, h) = (width, height)
        withUnsafeMutableBytes { GaussianBlur.blur(bytes: $0, width: w, height: h, sigma: sigma) }
    }

    /// `blur(sigma:)` on a copy.
    public func blurred(sigma: Double) -> Mask {
        var result = self
        result.blur(sigma: sigma)
        return result
    }
}
