import ImageCore
import Testing

@Suite struct PremultiplicationTests {
    /// Every (colour, alpha) pair: premultiplying rounds to nearest, and un-premultiplying
    /// returns a colour that premultiplies back to the same value (the best possible
    /// 8-bit round trip), exactly for alpha 255.
    @Test func exhaustiveEightBitRoundTrip() {
        var image = PixelBuffer(width: 256, height: 256, format: .rgba8)
        for alpha in 0..<256 {
            for colour in 0..<256 {
                image[colour, alpha] = [UInt8(colour), UInt8(255 - colour), UInt8(colour / 2), UInt8(alpha)]
            }
        }
        let premultiplied = image.premultiplied()
        let back = premultiplied.unpremultiplied()
        #expect(premultiplied.format == .rgba8Premultiplied)
        #expect(back.format == .rgba8)
        var failures = 0
        for alpha in 0..<256 {
            for colour in 0..<256 {
                let p = premultiplied[colour, alpha], b = back[colour, alpha]
                let expected = UInt8((Double(colour) * Double(alpha) / 255).rounded())
                if p[0] != expected { failures += 1 }
                if b[3] != UInt8(alpha) || p[3] != UInt8(alpha) { failures += 1 }
                let again = UInt8((UInt32(b[0]) * UInt32(alpha) + 127) / 255)
                if again != p[0] { failures += 1 }
                if alpha == 255 && b[0] != UInt8(colour) { failures += 1 }
                if alpha == 0 && b[0] != 0 { failures += 1 }
            }
        }
        #expect(failures == 0)
    }
}
