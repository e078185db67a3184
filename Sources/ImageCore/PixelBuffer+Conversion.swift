extension PixelBuffer {
    /// The buffer in another channel layout, packed.
    ///
    /// Grey from colour uses Rec. 601 luma, round(0.299 R + 0.587 G + 0.114 B); adding
    /// alpha sets it to 255; dropping alpha discards it (composite first if that matters).
    /// - Precondition: the source is not premultiplied, and `target.alpha` matches.
    public func converted(to target: PixelFormat) -> PixelBuffer {
        if target == format { return self }
        precondition(format.alpha != .premultiplied && target.alpha != .premultiplied,
                     "converted(to:) works on straight or opaque formats; unpremultiply first")
        if let converted = specialised(to: target) { return converted }
        let sourceBpp = format.bytesPerPixel, targetBpp = target.bytesPerPixel
        let sourceLayout = format.layout, targetLayout = target.layout
        return PixelBuffer(width: width, height: height, format: target) { destination, destinationStride in
            self.withUnsafeBytes { source in
                for y in 0..<height {
                    var s = y * bytesPerRow, d = y * destinationStride
                    for _ in 0..<width {
                        let r, g, b, a: UInt8
                        switch sourceLayout {
                        case .gray: (r, g, b, a) = (source[s], source[s], source[s], 255)
                        case .grayAlpha: (r, g, b, a) = (source[s], source[s], source[s], source[s + 1])
                        case .rgb: (r, g, b, a) = (source[s], source[s + 1], source[s + 2], 255)
                        case .rgba: (r, g, b, a) = (source[s], source[s + 1], source[s + 2], source[s + 3])
                        }
                        switch targetLayout {
                        case .gray:
                            destination[d] = Self.luma(r, g, b)
                        case .grayAlpha:
                            destination[d] = Self.luma(r, g, b)
                            destination[d + 1] = a
                        case .rgb:
                            destination[d] = r; destination[d + 1] = g; destination[d + 2] = b
                        case .rgba:
                            destination[d] = r; destination[d + 1] = g; destination[d + 2] = b; destination[d + 3] = a
                        }
                        s += sourceBpp
                        d += targetBpp
                    }
                }
            }
        }
    }

    /// Tight loops for the conversions masks and codecs use most (RGBA → grey, grey →
    /// RGBA, RGBA ↔ RGB): the same results as the general loop, without its per-pixel
    /// switches. nil for other pairs.
    private func specialised(to target: PixelFormat) -> PixelBuffer? {
        let w = width
        func rows(_ body: @escaping (UnsafePointer<UInt8>, UnsafeMutablePointer<UInt8>) -> Void) -> PixelBuffer {
            PixelBuffer(width: width, height: height, format: target) { destination, destinationStride in
                self.withUnsafeBytes { source in
                    for y in 0..<height {
                        body((source.baseAddress! + y * bytesPerRow).assumingMemoryBound(to: UInt8.self),
                             (destination.baseAddress! + y * destinationStride).assumingMemoryBound(to: UInt8.self))
                    }
                }
            }
        }
        switch (format.layout, target.layout) {
        case (.rgba, .gray):
            return rows { s, d in for x in 0..<w { d[x] = Self.luma(s[4 * x], s[4 * x + 1], s[4 * x + 2]) } }
        case (.gray, .rgba):
            return rows { s, d in for x in 0..<w { let g = s[x]; d[4 * x] = g; d[4 * x + 1] = g; d[4 * x + 2] = g; d[4 * x + 3] = 255 } }
        case (.rgba, .rgb):
            return rows { s, d in for x in 0..<w { d[3 * x] = s[4 * x]; d[3 * x + 1] = s[4 * x + 1]; d[3 * x + 2] = s[4 * x + 2] } }
        case (.rgb, .rgba):
            return rows { s, d in for x in 0..<w { d[4 * x] = s[3 * x]; d[4 * x + 1] = s[3 * x + 1]; d[4 * x + 2] = s[3 * x + 2]; d[4 * x + 3] = 255 } }
        default:
            return nil
        }
    }

    /// Rec. 601 luma in fixed point: (19595 R + 38470 G + 7471 B + 32768) >> 16.
    @inline(__always)
    static func luma(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let red: UInt32 = 19595 * UInt32(r)
        let green: UInt32 = 38470 * UInt32(g)
        let blue: UInt32 = 7471 * UInt32(b)
        return UInt8((red + green + blue + 32768) >> 16)
    }

    /// The straight-alpha RGBA buffer composited over an opaque colour, as RGB8.
    ///
    /// out = round((c·a + bg·(255 − a)) / 255) per channel.
    /// - Precondition: the format is `.rgba8` (straight) or has no alpha.
    public func composited(over background: RGB8) -> PixelBuffer {
        switch format.layout {
        case .rgb: return self
        case .gray: return converted(to: .rgb8)
        case .grayAlpha: return converted(to: .rgba8).composited(over: background)
        case .rgba:
            precondition(format.alpha == .straight, "composited(over:) needs straight alpha")
            let background = [UInt32(background.red), UInt32(background.green), UInt32(background.blue)]
            return PixelBuffer(width: width, height: height, format: .rgb8) { destination, destinationStride in
                self.withUnsafeBytes { source in
                    for y in 0..<height {
                        var s = y * bytesPerRow, d = y * destinationStride
                        for _ in 0..<width {
                            let a = UInt32(source[s + 3]), inverse = 255 - a
                            for c in 0..<3 {
                                let mixed: UInt32 = UInt32(source[s + c]) * a + background[c] * inverse
                            destination[d + c] = UInt8((mixed + 127) / 255)
                            }
                            s += 4
                            d += 3
                        }
                    }
                }
            }
        }
    }
}
