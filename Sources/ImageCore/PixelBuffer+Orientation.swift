extension PixelBuffer {
    /// The buffer with `orientation` applied, packed; for `.identity` the buffer itself.
    ///
    /// Upright pixel (x, y) is taken from the stored pixel the EXIF semantics name, e.g.
    /// `.rotate90Clockwise`: upright (x, y) = stored (y, storedHeight − 1 − x).
    public func oriented(_ orientation: Orientation) -> PixelBuffer {
        if orientation == .identity { return self }
        let target = orientation.uprightSize(of: size)
        let sourceWidth = width, sourceHeight = height
        let bpp = format.bytesPerPixel
        let sourceStride = bytesPerRow
        return PixelBuffer(width: target.width, height: target.height, format: format) { destination, destinationStride in
            self.withUnsafeBytes { source in
                // Source pixel for upright (x, y) = origin + x·stepX + y·stepY, in bytes.
                let (origin, stepX, stepY): (Int, Int, Int)
                let lastX = (sourceWidth - 1) * bpp, lastY = (sourceHeight - 1) * sourceStride
                switch orientation {
                case .identity: (origin, stepX, stepY) = (0, bpp, sourceStride)
                case .flipHorizontal: (origin, stepX, stepY) = (lastX, -bpp, sourceStride)
                case .rotate180: (origin, stepX, stepY) = (lastX + lastY, -bpp, -sourceStride)
                case .flipVertical: (origin, stepX, stepY) = (lastY, bpp, -sourceStride)
                case .transpose: (origin, stepX, stepY) = (0, sourceStride, bpp)
                case .rotate90Clockwise: (origin, stepX, stepY) = (lastY, -sourceStride, bpp)
                case .transverse: (origin, stepX, stepY) = (lastX + lastY, -sourceStride, -bpp)
                case .rotate90CounterClockwise: (origin, stepX, stepY) = (lastX, sourceStride, -bpp)
                }
                let src = source.baseAddress!, dst = destination.baseAddress!
                for y in 0..<target.height {
                    var from = origin + y * stepY
                    let rowStart = y * destinationStride
                    if bpp == 4 {
                        let out = (dst + rowStart).assumingMemoryBound(to: UInt32.self)
                        for x in 0..<target.width {
                            out[x] = src.loadUnaligned(fromByteOffset: from, as: UInt32.self)
                            from += stepX
                        }
                    } else {
                        for x in 0..<target.width {
                            (dst + rowStart + x * bpp).copyMemory(from: src + from, byteCount: bpp)
                            from += stepX
                        }
                    }
                }
            }
        }
    }
}
