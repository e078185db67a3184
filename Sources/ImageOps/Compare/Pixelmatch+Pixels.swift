extension Pixelmatch {
    /// A packed image as pixelmatch reads it: 3 bytes per pixel (RGB, opaque) or 4
    /// (straight RGBA). Valid only inside the `withUnsafeBytes` that made it.
    struct Pixels {
        /// Pixels tested together by `isClose`.
        static let block = 16

        let bytes: UnsafePointer<UInt8>
        /// 3 or 4.
        let channels: Int

        init(_ raw: UnsafeRawBufferPointer, channels: Int) {
            precondition(channels == 3 || channels == 4, "pixelmatch reads RGB8 or RGBA8, not \(channels) channels")
            bytes = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            self.channels = channels
        }

        /// The alpha of the pixel at byte offset k (255 without an alpha channel).
        @inline(__always)
        func alpha(_ k: Int) -> UInt8 { channels == 4 ? bytes[k + 3] : 255 }

        /// pixelmatch's luma coefficients times 10⁸ applied to the opaque pixel at byte
        /// offset k. The difference of two is 10⁸ times the exact luma difference
        /// pixelmatch rounds to a Double; that rounding (below 10⁻¹³) never changes a sign,
        /// a zero or an order, since no nonzero integer differences within ±510 give an
        /// exact zero (checked exhaustively), so distinct values are at least 10⁻⁸ apart.
        @inline(__always)
        func scaledLuma(_ k: Int) -> Int {
            29_889_531 * Int(bytes[k]) + 58_662_247 * Int(bytes[k + 1]) + 11_448_223 * Int(bytes[k + 2])
        }

        /// Pixel i's samples as one number: equal exactly when the pixels are.
        @inline(__always)
        func key(_ i: Int) -> UInt32 {
            if channels == 4 { return UnsafeRawPointer(bytes + 4 * i).loadUnaligned(as: UInt32.self) }
            let k = 3 * i
            return UInt32(bytes[k]) | UInt32(bytes[k + 1]) << 8 | UInt32(bytes[k + 2]) << 16
        }

        /// Whether pixels i ..< i + `block` are opaque in both images and no sample of
        /// theirs differs by more than `limit`.
        @inline(__always)
        func isClose(to other: Pixels, block i: Int, limit: UInt8) -> Bool {
            let start = i * channels
            let bound = SIMD16<UInt8>(repeating: limit)
            // Alpha lanes of a 16-byte RGBA group; none for RGB.
            let alphaLanes: SIMD16<UInt8> = channels == 4
                ? SIMD16(0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255) : SIMD16(repeating: 0)
            var exceeds = SIMDMask<SIMD16<Int8>>(repeating: false)
            for part in 0..<channels {
                let one = UnsafeRawPointer(bytes + start + 16 * part).loadUnaligned(as: SIMD16<UInt8>.self)
                let two = UnsafeRawPointer(other.bytes + start + 16 * part).loadUnaligned(as: SIMD16<UInt8>.self)
                let difference = pointwiseMax(one, two) &- pointwiseMin(one, two)
                exceeds .|= (difference .> bound) .| ((one & alphaLanes) .!= alphaLanes) .| ((two & alphaLanes) .!= alphaLanes)
            }
            return !any(exceeds)
        }
    }
}
