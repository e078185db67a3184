public import ImageCore

/// The picture `cutout --debug-matte` writes: what the cut-out decided for each pixel,
/// read from its alpha and colour. Black: background (alpha 0); white: subject (alpha
/// 255); orange, brighter with alpha: a soft edge (partial alpha with colour); blue,
/// brighter with alpha: shadow (partial alpha over black, as shadows are kept).
public enum MattePicture {
    public static let edgeColour = RGB8(red: 255, green: 140, blue: 0)
    public static let shadowColour = RGB8(red: 0, green: 128, blue: 255)

    /// `cutout` (the straight-alpha result, any format) as an opaque RGB8 picture.
    public static func render(_ cutout: PixelBuffer) -> PixelBuffer {
        let rgba = cutout.converted(to: .rgba8)
        return PixelBuffer(width: rgba.width, height: rgba.height, format: .rgb8) { out, stride in
            rgba.withUnsafeBytes { source in
                for y in 0..<rgba.height {
                    for x in 0..<rgba.width {
                        let i = y * rgba.bytesPerRow + 4 * x, o = y * stride + 3 * x
                        let alpha = Int(source[i + 3])
                        let colour: (Int, Int, Int)
                        switch alpha {
                        case 0: colour = (0, 0, 0)
                        case 255: colour = (255, 255, 255)
                        default:
                            let shadow = source[i] <= 2 && source[i + 1] <= 2 && source[i + 2] <= 2
                            let tint = shadow ? shadowColour : edgeColour
                            let level = 64 + alpha * 191 / 255
                            colour = (Int(tint.red) * level / 255, Int(tint.green) * level / 255, Int(tint.blue) * level / 255)
                        }
                        out[o] = UInt8(colour.0); out[o + 1] = UInt8(colour.1); out[o + 2] = UInt8(colour.2)
                    }
                }
            }
        }
    }
}
