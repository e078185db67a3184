import Foundation
public import ImageCore

/// How two images differ, channel by channel.
public struct ImageDifference: Sendable, CustomStringConvertible {
    /// Largest absolute channel difference, 0…255.
    public var maxAbs: Int
    /// Mean absolute channel difference, 0…255.
    public var meanAbs: Double
    /// Fraction of pixels with any channel differing, 0…1.
    public var differingFraction: Double
    /// PSNR in dB over the compared channels (infinity when identical).
    public var psnr: Double

    public var description: String {
        "max \(maxAbs), mean \(meanAbs), differing \(differingFraction), PSNR \(psnr) dB"
    }

    /// Compares the first `channels` channels of two same-size RGBA8 buffers.
    public init(_ a: PixelBuffer, _ b: PixelBuffer, channels: Int = 4) {
        precondition(a.width == b.width && a.height == b.height, "sizes differ: \(a.size) vs \(b.size)")
        let a = a.converted(to: .rgba8), b = b.converted(to: .rgba8)
        var maxAbs = 0, sum = 0, squares = 0, differing = 0
        for y in 0..<a.height {
            let rowA = Array(a.row(y)), rowB = Array(b.row(y))
            for x in 0..<a.width {
                var any = false
                for c in 0..<channels {
                    let d = abs(Int(rowA[x * 4 + c]) - Int(rowB[x * 4 + c]))
                    maxAbs = max(maxAbs, d)
                    sum += d
                    squares += d * d
                    if d != 0 { any = true }
                }
                if any { differing += 1 }
            }
        }
        let samples = Double(a.width * a.height * channels)
        self.maxAbs = maxAbs
        self.meanAbs = Double(sum) / samples
        self.differingFraction = Double(differing) / Double(a.width * a.height)
        let mse = Double(squares) / samples
        self.psnr = mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
    }
}

extension PixelBuffer {
    /// The packed RGB8 bytes (alpha dropped), e.g. to hash against RGB references.
    public var rgbBytes: [UInt8] { converted(to: .rgb8).packedBytes }

    /// The packed RGBA8 bytes.
    public var rgbaBytes: [UInt8] { converted(to: .rgba8).packedBytes }
}
