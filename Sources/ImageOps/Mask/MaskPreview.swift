public import ImageCore

/// A picture to check a mask at a glance: the image (over white when it has alpha) with
/// the edit area tinted and the 0.5 contour drawn as an outline.
public enum MaskPreview {
    /// Tint of the edit area (magenta) and of the outline (yellow), and the tint's
    /// opacity at full coverage.
    public static let tint = RGB8(red: 255, green: 0, blue: 170)
    public static let outline = RGB8(red: 255, green: 230, blue: 0)
    public static let tintOpacity: Float = 0.45

    /// `image` (any size; resampled to the mask's size when it differs) with `coverage`
    /// shown; nil `image` shows the mask over mid grey. Returns opaque RGBA8. The outline
    /// is max(1, shorter edge / 400) pixels wide.
    public static func render(_ coverage: CoveragePlane, over image: PixelBuffer?) -> PixelBuffer {
        let w = coverage.width, h = coverage.height
        var base: PixelBuffer
        if let image {
            base = image.format.layout.hasAlpha ? image.composited(over: RGB8(red: 255, green: 255, blue: 255)) : image
            if base.size != coverage.size { base = base.resized(to: coverage.size) }
            base = base.converted(to: .rgba8)
        } else {
            base = PixelBuffer(width: w, height: h, format: .rgba8)
            _ = base.withUnsafeMutableBytes { $0.initializeMemory(as: UInt8.self, repeating: 128) }
        }
        // Outline: pixels whose inside/outside differs from a 4-neighbour, thickened.
        var edge = [Float](repeating: 0, count: w * h)
        let c = coverage.values
        for y in 0..<h {
            for x in 0..<w {
                let i = y * w + x, inside = c[i] >= 0.5
                if (x + 1 < w && (c[i + 1] >= 0.5) != inside) || (y + 1 < h && (c[i + w] >= 0.5) != inside) { edge[i] = 1 }
            }
        }
        let thickness = max(1, min(w, h) / 400)
        if thickness > 1 { edge = MaxFilter.apply(edge, width: w, height: h, radius: thickness / 2) }
        let tint = SIMD3<Float>(Float(Self.tint.red), Float(Self.tint.green), Float(Self.tint.blue))
        let line = SIMD3<Float>(Float(outline.red), Float(outline.green), Float(outline.blue))
        return PixelBuffer(width: w, height: h, format: .rgba8) { destination, stride in
            base.withUnsafeBytes { source in
                for y in 0..<h {
                    for x in 0..<w {
                        let s = y * base.bytesPerRow + x * 4, d = y * stride + x * 4, i = y * w + x
                        var colour = SIMD3<Float>(Float(source[s]), Float(source[s + 1]), Float(source[s + 2]))
                        let a = min(max(c[i], 0), 1) * tintOpacity
                        colour = colour * (1 - a) + tint * a
                        if edge[i] > 0 { colour = line }
                        destination[d] = UInt8(colour.x + 0.5); destination[d + 1] = UInt8(colour.y + 0.5)
                        destination[d + 2] = UInt8(colour.z + 0.5); destination[d + 3] = 255
                    }
                }
            }
        }
    }
}
