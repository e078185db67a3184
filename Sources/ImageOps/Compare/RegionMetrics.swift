/// The metrics of one region of a comparison (the whole image, or inside/outside a mask).
public struct RegionMetrics: Sendable, Hashable, Encodable {
    /// Pixels in the region.
    public var pixels: Int
    /// 10·log10(255² / MSE) over R, G, B; nil when the region is identical (or empty).
    public var psnr: Double?
    /// Mean of the SSIM map over the region's pixels (away from the 5-pixel border);
    /// nil when the region has none there.
    public var ssim: Double?
    public var deltaE2000: DeltaEStatistics
    /// Pixels whose ΔE00 exceeds the threshold.
    public var changedPixels: Int
    /// changedPixels / pixels (0 for an empty region).
    public var changedFraction: Double

    public init(pixels: Int, psnr: Double?, ssim: Double?, deltaE2000: DeltaEStatistics, changedPixels: Int, changedFraction: Double) {
        self.pixels = pixels
        self.psnr = psnr
        self.ssim = ssim
        self.deltaE2000 = deltaE2000
        self.changedPixels = changedPixels
        self.changedFraction = changedFraction
    }
}
