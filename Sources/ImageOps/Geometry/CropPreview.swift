public import ImageCore

/// The picture `prepare --preview` writes: the whole upright source with what the crop
/// cuts away darkened to 40 % and the kept rectangle outlined.
public enum CropPreview {
    /// Colour of the crop's outline.
    public static let outlineColour = RGB8(red: 255, green: 208, blue: 0)

    /// `image` (any format; over white when it has alpha) with everything outside `kept`
    /// darkened and `kept`'s edge drawn `thickness` pixels wide inside it. `kept` may reach
    /// outside the image (a pad): only its part on the image is drawn. Opaque RGBA8.
    public static func render(_ image: PixelBuffer, kept: PixelRect, thickness: Int = 2) -> PixelBuffer {
        var picture = image.converted(to: .rgba8).composited(over: RGB8(red: 255, green: 255, blue: 255)).converted(to: .rgba8)
        let width = picture.width, height = picture.height, stride = picture.bytesPerRow
        let line = max(thickness, min(width, height) / 300)
        picture.withUnsafeMutableBytes { bytes in
            for y in 0..<height {
                for x in 0..<width {
                    let i = y * stride + 4 * x
                    let inside = x >= kept.x && x < kept.maxX && y >= kept.y && y < kept.maxY
                    if !inside {
                        for c in 0..<3 { bytes[i + c] = UInt8((Int(bytes[i + c]) * 2 + 2) / 5) }
                        continue
                    }
                    let edge = x - kept.x < line || kept.maxX - 1 - x < line || y - kept.y < line || kept.maxY - 1 - y < line
                    if edge {
                        bytes[i] = outlineColour.red; bytes[i + 1] = outlineColour.green; bytes[i + 2] = outlineColour.blue
                    }
                }
            }
        }
        return picture
    }
}
