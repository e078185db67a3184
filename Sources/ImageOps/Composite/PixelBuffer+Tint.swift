public import ImageCore

extension PixelBuffer {
    /// The image composited over white (opaque RGBA8), with the mask's area pushed toward
    /// `colour` by coverage × `strength` (0…1): what an edit confined to the mask would
    /// change. `mask` must have the image's size.
    public func tinted(toward colour: RGB8, by mask: Mask, strength: Double) -> PixelBuffer {
        precondition(mask.size == size, "mask \(mask.size) does not match image \(size)")
        let base = converted(to: .rgba8).composited(over: RGB8(red: 255, green: 255, blue: 255)).converted(to: .rgba8)
        var edited = base
        let coverage = mask.bytes, w = base.width, stride = base.bytesPerRow
        let tint = [Double(colour.red), Double(colour.green), Double(colour.blue)]
        edited.withUnsafeMutableBytes { bytes in
            for y in 0..<base.height {
                for x in 0..<w {
                    let c = Double(coverage[y * w + x]) / 255 * strength
                    guard c > 0 else { continue }
                    let o = y * stride + x * 4
                    for k in 0..<3 { bytes[o + k] = UInt8((Double(bytes[o + k]) * (1 - c) + tint[k] * c).rounded()) }
                }
            }
        }
        return edited
    }
}
