extension PixelBuffer {
    /// Whether every pixel is fully opaque (always true for formats without alpha).
    public var isOpaque: Bool {
        guard format.layout.hasAlpha else { return true }
        let bpp = format.bytesPerPixel
        guard bytesPerRow % bpp == 0 else { return isOpaqueBytewise }
        return withUnsafeBytes { bytes in
            // AND every pixel of a row together (a loop LLVM vectorises), test alpha once per row.
            for y in 0..<height {
                let row = bytes.baseAddress! + y * bytesPerRow
                if bpp == 4 {
                    let pixels = row.bindMemory(to: UInt32.self, capacity: width)
                    var all: UInt32 = .max
                    for x in 0..<width { all &= pixels[x] }
                    if all & 0xFF00_0000 != 0xFF00_0000 { return false }
                } else {
                    let pixels = row.bindMemory(to: UInt16.self, capacity: width)
                    var all: UInt16 = .max
                    for x in 0..<width { all &= pixels[x] }
                    if all & 0xFF00 != 0xFF00 { return false }
                }
            }
            return true
        }
    }

    /// `isOpaque` for rows whose stride is not a whole number of pixels.
    private var isOpaqueBytewise: Bool {
        let bpp = format.bytesPerPixel, alphaOffset = bpp - 1
        return withUnsafeBytes { bytes in
            for y in 0..<height {
                var i = y * bytesPerRow + alphaOffset
                for _ in 0..<width {
                    if bytes[i] != 255 { return false }
                    i += bpp
                }
            }
            return true
        }
    }

    /// Whether every pixel has R = G = B (always true for grey formats).
    public var isGrayscale: Bool {
        switch format.layout {
        case .gray, .grayAlpha: return true
        case .rgb, .rgba:
            let bpp = format.bytesPerPixel
            return withUnsafeBytes { bytes in
                for y in 0..<height {
                    var i = y * bytesPerRow
                    for _ in 0..<width {
                        if bytes[i] != bytes[i + 1] || bytes[i] != bytes[i + 2] { return false }
                        i += bpp
                    }
                }
                return true
            }
        }
    }

    /// The buffer with colour multiplied by alpha: c' = round(c·a / 255).
    ///
    /// - Precondition: the format has straight alpha.
    public func premultiplied() -> PixelBuffer {
        precondition(format.alpha == .straight, "premultiplied() needs straight alpha, got \(format)")
        return mapPixels(to: PixelFormat(layout: format.layout, alpha: .premultiplied)) { c, a in
            UInt8((UInt32(c) * UInt32(a) + 127) / 255)
        }
    }

    /// The buffer with colour divided by alpha: c = round(c'·255 / a), 0 where a = 0.
    ///
    /// - Precondition: the format has premultiplied alpha.
    public func unpremultiplied() -> PixelBuffer {
        precondition(format.alpha == .premultiplied, "unpremultiplied() needs premultiplied alpha, got \(format)")
        return mapPixels(to: PixelFormat(layout: format.layout, alpha: .straight)) { c, a in
            a == 0 ? 0 : UInt8(min(255, (UInt32(c) * 255 + UInt32(a) / 2) / UInt32(a)))
        }
    }

    /// Applies `transform(colour, alpha)` to every colour channel; alpha is copied.
    private func mapPixels(to newFormat: PixelFormat, _ transform: (UInt8, UInt8) -> UInt8) -> PixelBuffer {
        let bpp = format.bytesPerPixel, colourChannels = bpp - 1
        return PixelBuffer(width: width, height: height, format: newFormat) { destination, destinationStride in
            self.withUnsafeBytes { source in
                for y in 0..<height {
                    var s = y * bytesPerRow, d = y * destinationStride
                    for _ in 0..<width {
                        let a = source[s + colourChannels]
                        for c in 0..<colourChannels { destination[d + c] = transform(source[s + c], a) }
                        destination[d + colourChannels] = a
                        s += bpp
                        d += bpp
                    }
                }
            }
        }
    }
}
