import RealModule

/// SSIM as scikit-image computes it with `gaussian_weights=True, sigma=1.5,
/// use_sample_covariance=False, data_range=255`: per channel, the five local statistics
/// (μx, μy, E[x²], E[y²], E[xy]) through an 11-tap Gaussian (σ 1.5 truncated at 3.5σ,
/// normalised; edges mirrored as scipy's `reflect`: d c b a | a b c d), population
/// covariance, K1 = 0.01, K2 = 0.03. The map is the mean of the channels' maps; the
/// global value is its mean excluding a 5-pixel border (`skimage`'s crop).
///
/// Values are centred on 127.5 before filtering (the statistics are shift-invariant)
/// and filtered in Float; the mean agrees with scikit-image's float64 to about 1e-6.
enum StructuralSimilarity {
    static let sigma = 1.5
    static let radius = 5   // int(3.5 · 1.5 + 0.5)
    static let c1 = Float((0.01 * 255) * (0.01 * 255))
    static let c2 = Float((0.03 * 255) * (0.03 * 255))

    static let weights: [Float] = {
        let raw = (-radius...radius).map { Double.exp(-0.5 * Double($0 * $0) / (sigma * sigma)) }
        let total = raw.reduce(0, +)
        return raw.map { Float($0 / total) }
    }()

    /// scipy's `reflect` index for i in −radius ..< n + radius.
    @inline(__always) static func reflect(_ i: Int, _ n: Int) -> Int {
        var i = i
        while i < 0 || i >= n { i = i < 0 ? -i - 1 : 2 * n - i - 1 }
        return i
    }

    /// The per-pixel SSIM map (mean over `channels`), row-major. `a` and `b` are
    /// interleaved 8-bit samples, `channels` per pixel, packed rows.
    static func map(_ a: [UInt8], _ b: [UInt8], width: Int, height: Int, channels: Int) -> [Float] {
        var result = [Float](repeating: 0, count: width * height)
        let taps = 2 * radius + 1, pad = radius
        let paddedWidth = width + 2 * pad
        // Per channel: the five statistics of each source row (centred), a ring of 11 rows.
        for channel in 0..<channels {
            var ring = [[Float]](repeating: [Float](repeating: 0, count: 5 * width), count: taps)
            var ringRow = [Int](repeating: -1, count: taps)
            var vertical = [Float](repeating: 0, count: 5 * paddedWidth)
            var filtered = [Float](repeating: 0, count: 5 * width)
            func load(_ sourceRow: Int, into slot: Int) {
                guard ringRow[slot] != sourceRow else { return }
                ringRow[slot] = sourceRow
                ring[slot].withUnsafeMutableBufferPointer { r in
                    let base = sourceRow * width * channels + channel
                    for x in 0..<width {
                        let p = Float(a[base + x * channels]) - 127.5, q = Float(b[base + x * channels]) - 127.5
                        r[x] = p; r[width + x] = q; r[2 * width + x] = p * p; r[3 * width + x] = q * q; r[4 * width + x] = p * q
                    }
                }
            }
            for y in 0..<height {
                // Vertical pass into the padded row buffer (five quantities side by side).
                vertical.withUnsafeMutableBufferPointer { v in
                    for i in 0..<v.count { v[i] = 0 }
                    for k in 0..<taps {
                        let sourceRow = reflect(y + k - radius, height)
                        let slot = sourceRow % taps
                        load(sourceRow, into: slot)
                        let w = weights[k]
                        ring[slot].withUnsafeBufferPointer { r in
                            for q in 0..<5 {
                                let out = v.baseAddress! + q * paddedWidth + pad, source = r.baseAddress! + q * width
                                for x in 0..<width { out[x] += w * source[x] }
                            }
                        }
                    }
                    // Mirror the row ends for the horizontal pass.
                    for q in 0..<5 {
                        let row = v.baseAddress! + q * paddedWidth
                        for i in 0..<pad {
                            row[pad - 1 - i] = row[pad + reflect(-1 - i, width)]
                            row[pad + width + i] = row[pad + reflect(width + i, width)]
                        }
                    }
                }
                // Horizontal pass.
                vertical.withUnsafeBufferPointer { v in
                    filtered.withUnsafeMutableBufferPointer { f in
                        for i in 0..<f.count { f[i] = 0 }
                        for q in 0..<5 {
                            let out = f.baseAddress! + q * width, source = v.baseAddress! + q * paddedWidth
                            for k in 0..<taps {
                                let w = weights[k], shifted = source + k
                                for x in 0..<width { out[x] += w * shifted[x] }
                            }
                        }
                    }
                }
                // The SSIM of each pixel.
                filtered.withUnsafeBufferPointer { f in
                    result.withUnsafeMutableBufferPointer { out in
                        let row = out.baseAddress! + y * width
                        let scale = 1 / Float(channels)
                        for x in 0..<width {
                            let ux = f[x], uy = f[width + x]
                            let vx = f[2 * width + x] - ux * ux, vy = f[3 * width + x] - uy * uy, vxy = f[4 * width + x] - ux * uy
                            // Means back on the 0…255 scale for the luminance term.
                            let mx = ux + 127.5, my = uy + 127.5
                            let s = ((2 * mx * my + c1) * (2 * vxy + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))
                            row[x] += s * scale
                        }
                    }
                }
            }
        }
        return result
    }

    /// Mean of `map` over the pixels at least `radius` from every edge (scikit-image's
    /// crop); over the whole map when the image is too small for a border.
    static func mean(_ map: [Float], width: Int, height: Int) -> Double {
        let x0 = width > 2 * radius ? radius : 0, y0 = height > 2 * radius ? radius : 0
        var total = 0.0
        for y in y0..<(height - y0) {
            var rowTotal = 0.0
            for x in x0..<(width - x0) { rowTotal += Double(map[y * width + x]) }
            total += rowTotal
        }
        return total / Double((width - 2 * x0) * (height - 2 * y0))
    }
}
