public import ImageCore

/// What to do with a cut-out after the backdrop is gone: trim to the subject, pad, place
/// it on a canvas, or put it on a new solid background.
public enum CutoutFinishing {
    /// The bounding box of alpha ≥ `threshold` (0…255), or nil when nothing reaches it.
    public static func subjectRect(_ image: PixelBuffer, threshold: UInt8 = 8) -> PixelRect? {
        let rgba = image.converted(to: .rgba8)
        var minX = rgba.width, minY = rgba.height, maxX = -1, maxY = -1
        rgba.withUnsafeBytes { bytes in
            for y in 0..<rgba.height {
                for x in 0..<rgba.width where bytes[y * rgba.bytesPerRow + x * 4 + 3] >= threshold {
                    minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
                }
            }
        }
        return maxX >= 0 ? PixelRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1) : nil
    }

    /// `image` with transparent margins of `insets` pixels.
    public static func padded(_ image: PixelBuffer, by insets: PixelInsets) -> PixelBuffer {
        image.placed(on: PixelSize(width: image.width + insets.left + insets.right, height: image.height + insets.top + insets.bottom),
                     at: (insets.left, insets.top), fill: [0, 0, 0, 0])
    }

    /// `image` centred on a transparent canvas of `size` (at the fractional `anchor`,
    /// 0…1 each way), shrunk to fit first when it is larger (aspect kept, resampled
    /// premultiplied, so edges stay clean).
    public static func onCanvas(_ image: PixelBuffer, size: PixelSize, anchor: (x: Double, y: Double) = (0.5, 0.5)) -> PixelBuffer {
        var subject = image
        if subject.width > size.width || subject.height > size.height {
            let scale = min(Double(size.width) / Double(subject.width), Double(size.height) / Double(subject.height))
            let fitted = PixelSize(width: max(1, Int((Double(subject.width) * scale).rounded())), height: max(1, Int((Double(subject.height) * scale).rounded())))
            subject = subject.resized(to: fitted)
        }
        let x = Int((Double(size.width - subject.width) * anchor.x).rounded()), y = Int((Double(size.height - subject.height) * anchor.y).rounded())
        return subject.placed(on: size, at: (x, y), fill: [0, 0, 0, 0])
    }

    /// The cut-out composited over an opaque colour (RGB8).
    public static func filled(_ image: PixelBuffer, with colour: RGB8) -> PixelBuffer {
        image.converted(to: .rgba8).composited(over: colour)
    }
}
