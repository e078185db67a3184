/// Resampling settings.
public struct ResampleOptions: Sendable, Hashable {
    public var filter: ResampleFilter
    /// Filter in linear light (sRGB decoded, IEC 61966-2-1) instead of on the 8-bit sRGB
    /// values. Default false (what most tools do; linear is more correct for downscaling
    /// fine bright-dark detail).
    public var linearLight: Bool
    /// Allow the fast path for opaque 8-bit sRGB input (no alpha weighting, vertical
    /// pass straight from the bytes; within 1 level of the general path). Default true.
    public var allowFastPath: Bool

    public init(filter: ResampleFilter = .lanczos3, linearLight: Bool = false, allowFastPath: Bool = true) {
        self.filter = filter
        self.linearLight = linearLight
        self.allowFastPath = allowFastPath
    }

    public static let `default` = ResampleOptions()
}
