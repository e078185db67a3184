public import ImageCore

/// How a mask image marks the editable area. The only place these rules live: every
/// import and export of a mask file goes through here.
public enum MaskConvention: String, Sendable, Hashable, CaseIterable {
    /// OpenAI images/edits: an RGBA image, alpha 0 where the edit may happen, 255 where
    /// the image must be kept; intermediate alpha is partial coverage.
    case openai
    /// Greyscale: white (255) where the edit may happen, black where it must not.
    case white

    /// `openai` when the image has a meaningful alpha channel (some pixel not opaque),
    /// `white` otherwise.
    public static func detect(_ image: PixelBuffer) -> MaskConvention {
        image.format.layout.hasAlpha && !image.isOpaque ? .openai : .white
    }

    /// The coverage (255 = selected for editing) the image encodes in this convention.
    public func mask(from image: consuming PixelBuffer) -> Mask {
        switch self {
        case .openai:
            return Mask(alphaOf: image, inverted: true)
        case .white:
            return Mask((consume image).converted(to: .gray8))
        }
    }

    /// The mask as an image in this convention (`openai`: RGBA with alpha = 255 −
    /// coverage and grey RGB = coverage, so a viewer that ignores alpha shows the edit
    /// area white on black instead of a black square; `white`: grey = coverage).
    public func image(from mask: consuming Mask) -> PixelBuffer {
        switch self {
        case .white:
            return (consume mask).grayBuffer
        case .openai:
            return PixelBuffer(width: mask.width, height: mask.height, format: .rgba8) { destination, stride in
                mask.withUnsafeBytes { coverage in
                    for y in 0..<mask.height {
                        for x in 0..<mask.width {
                            let i = y * stride + x * 4
                            let selected = coverage[y * mask.width + x]
                            destination[i] = selected; destination[i + 1] = selected; destination[i + 2] = selected
                            destination[i + 3] = 255 - selected
                        }
                    }
                }
            }
        }
    }
}
