public import ImageCore

/// Deterministic generated images: gradients, alpha ramps, checkerboards, seeded noise.
public enum SyntheticImages {
    /// Odd sizes every round trip should survive.
    public static let oddSizes: [(Int, Int)] = [(1, 1), (3, 5), (257, 1), (1, 257), (17, 31), (64, 64)]

    /// Smooth RGB gradient, opaque: R along x, G along y, B along the diagonal.
    public static func gradient(width: Int, height: Int) -> PixelBuffer {
        var buffer = PixelBuffer(width: width, height: height, format: .rgba8)
        buffer.withUnsafeMutableBytes { bytes in
            for y in 0..<height {
                for x in 0..<width {
                    let i = y * width * 4 + x * 4
                    bytes[i] = UInt8(x * 255 / max(1, width - 1))
                    bytes[i + 1] = UInt8(y * 255 / max(1, height - 1))
                    bytes[i + 2] = UInt8((x + y) * 255 / max(1, width + height - 2))
                    bytes[i + 3] = 255
                }
            }
        }
        return buffer
    }

    /// Alpha ramping 0…255 along x over a colour edge (red left half, blue right half),
    /// with colour kept under alpha 0: catches halos and lost RGB.
    public static func alphaRamp(width: Int, height: Int) -> PixelBuffer {
        var buffer = PixelBuffer(width: width, height: height, format: .rgba8)
        buffer.withUnsafeMutableBytes { bytes in
            for y in 0..<height {
                for x in 0..<width {
                    let i = y * width * 4 + x * 4
                    let left = x < width / 2
                    bytes[i] = left ? 230 : 20
                    bytes[i + 1] = UInt8((y * 97) % 256)
                    bytes[i + 2] = left ? 30 : 220
                    bytes[i + 3] = UInt8(x * 255 / max(1, width - 1))
                }
            }
        }
        return buffer
    }

    /// Seeded pseudo-random RGBA (SplitMix64), including alpha 0 and 255 pixels.
    public static func noise(width: Int, height: Int, seed: UInt64, opaque: Bool = false) -> PixelBuffer {
        var state = seed
        var buffer = PixelBuffer(width: width, height: height, format: .rgba8)
        buffer.withUnsafeMutableBytes { bytes in
            for i in 0..<bytes.count {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                bytes[i] = UInt8(truncatingIfNeeded: z)
                if opaque && i % 4 == 3 { bytes[i] = 255 }
            }
        }
        return buffer
    }

    /// An image whose every pixel differs by position, to check geometry exactly.
    public static func coordinates(width: Int, height: Int) -> PixelBuffer {
        var buffer = PixelBuffer(width: width, height: height, format: .rgba8)
        buffer.withUnsafeMutableBytes { bytes in
            for y in 0..<height {
                for x in 0..<width {
                    let i = (y * width + x) * 4
                    bytes[i] = UInt8(x & 0xff)
                    bytes[i + 1] = UInt8(y & 0xff)
                    bytes[i + 2] = UInt8((x >> 8) | ((y >> 8) << 4))
                    bytes[i + 3] = 255
                }
            }
        }
        return buffer
    }
}
