public import ImageCore

/// Puts an edit result back on the source: the result is mapped onto the source's grid
/// through the fit transform (resampled when the provider's size differs), and the source
/// is kept wherever the mask says keep. Pixels with coverage 0 (and pixels the provider
/// never saw) come out exactly as in the source.
public enum PasteBack {
    /// How the result meets the source at the mask's edge.
    public enum Blend: String, Sendable, Hashable, CaseIterable {
        /// source × (1 − m) + result × m, with m the mask's coverage (its feather).
        case feather
        /// Gradient-domain: inside the mask the result's gradients on the source's
        /// boundary values (a global shift in tone leaves no seam), then the feather.
        case poisson
    }

    /// The result on the source grid: `result` covers `transform.sourceRect` of the
    /// source, resampled to that size; outside the source it is dropped. Also returns the
    /// coverage of the source it reaches (255 inside the region the provider saw).
    public static func onSourceGrid(_ result: PixelBuffer, transform: FitTransform, sourceSize: PixelSize) -> (PixelBuffer, Mask) {
        let rect = transform.sourceRect
        let scaled = result.size == rect.size ? result.converted(to: .rgba8) : result.resized(to: rect.size).converted(to: .rgba8)
        let placed = scaled.placed(on: sourceSize, at: (rect.x, rect.y), fill: [0, 0, 0, 0])
        var seen = Mask(width: sourceSize.width, height: sourceSize.height)
        if let inside = rect.intersection(PixelRect(size: sourceSize)) {
            for y in inside.y..<inside.maxY { for x in inside.x..<inside.maxX { seen[x, y] = 255 } }
        }
        return (placed, seen)
    }

    /// The result as the user sees it without paste-back, on the source grid: `result`
    /// mapped through `transform` (RGBA8), the source where the provider saw nothing.
    public static func unpasted(source: PixelBuffer, result: PixelBuffer, transform: FitTransform) -> PixelBuffer {
        let (placed, seen) = onSourceGrid(result, transform: transform, sourceSize: source.size)
        return seen.bytes.allSatisfy({ $0 == 255 }) ? placed : blend(source.converted(to: .rgba8), placed, coverage: seen)
    }

    /// `source` with `result` pasted where `mask` allows (coverage 255 = result, 0 =
    /// source), on the source grid. `mask` has the source's size.
    public static func apply(source: PixelBuffer, result: PixelBuffer, transform: FitTransform, mask: Mask, blend: Blend = .feather) -> PixelBuffer {
        precondition(mask.size == source.size, "mask \(mask.size) does not match source \(source.size)")
        let base = source.converted(to: .rgba8)
        let (placed, seen) = onSourceGrid(result, transform: transform, sourceSize: source.size)
        // The provider only changed what it saw.
        var coverage = mask
        coverage.withUnsafeMutableBytes { c in
            seen.withUnsafeBytes { s in for i in 0..<c.count where s[i] == 0 { c[i] = 0 } }
        }
        let inner = blend == .poisson ? PoissonFill.fill(base, region: coverage, guide: placed) : placed
        return Self.blend(base, inner, coverage: coverage)
    }

    /// base × (1 − m) + edited × m per channel (RGBA8 both, m = coverage / 255), rounded.
    static func blend(_ base: PixelBuffer, _ edited: PixelBuffer, coverage: Mask) -> PixelBuffer {
        var output = base
        let stride = output.bytesPerRow, innerStride = edited.bytesPerRow, width = output.width
        output.withUnsafeMutableBytes { out in
            edited.withUnsafeBytes { inner in
                coverage.withUnsafeBytes { m in
                    for y in 0..<base.height {
                        for x in 0..<width {
                            let weight = Int(m[y * width + x])
                            guard weight > 0 else { continue }
                            let o = y * stride + x * 4, e = y * innerStride + x * 4
                            if weight == 255 {
                                for k in 0..<4 { out[o + k] = inner[e + k] }
                                continue
                            }
                            for k in 0..<4 {
                                out[o + k] = UInt8((Int(out[o + k]) * (255 - weight) + Int(inner[e + k]) * weight + 127) / 255)
                            }
                        }
                    }
                }
            }
        }
        return output
    }
}
