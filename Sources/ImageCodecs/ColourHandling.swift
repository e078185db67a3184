/// What decoding does with an embedded ICC profile.
public enum ColourHandling: String, Sendable, Hashable, CaseIterable {
    /// Convert the pixels to sRGB through LittleCMS (perceptual intent) when the profile
    /// is not sRGB: RGB matrix/TRC and LUT profiles, grey profiles, and CMYK JPEGs with a
    /// profile. A profile LittleCMS cannot use leaves the numbers as they are, with a
    /// warning. What sharp and libvips do.
    case convertToSRGB
    /// Keep the file's numbers (to re-embed the profile on output). CMYK still becomes
    /// RGB by the naive formula.
    case keepOriginal
}
