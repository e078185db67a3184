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
        // Per channel: the five statistics of each source row (centred) in a ring of 11
        // rows; the vertical pass into a padded row, the horizontal one into `filtered`.
        let ring = UnsafeMutablePointer<Float>.allocate(capacity: taps * 5 * width)
        let vertical = UnsafeMutablePointer<Float>.allocate(capacity: 5 * paddedWidth)
        let filtered = UnsafeMutablePointer<Float>.allocate(capacity: 5 * width)
        defer { ring.deallocate(); vertical.deallocate(); filtered.deallocate() }
        let w = weights
        for channel in 0..<channels {
            var ringRow = [Int](repeating: -1, count: taps)
            func load(_ sourceRow: Int) -> UnsafeMutablePointer<Float> {
                let slot = sourceRow % taps, r = ring + slot * 5 * width
                guard ringRow[slot] != sourceRow else { return r }
                ringRow[slot] = sourceRow
                let base = sourceRow * width * channels + channel
                for x in 0..<width {
                    let p = Float(a[base + x * channels]) - 127.5, q = Float(b[base + x * channels]) - 127.5
                    r[x] = p; r[width + x] = q; r[2 * width + x] = p * p; r[3 * width + x] = q * q; r[4 * width + x] = p * q
                }
                return r
            }
            for y in 0..<height {
                var rows: [UnsafeMutablePointer<Float>] = []
                rows.reserveCapacity(taps)
                for k in 0..<taps { rows.append(load(reflect(y + k - radius, height))) }
                for q in 0..<5 {
                    let out = vertical + q * paddedWidth + pad, offset = q * width
                    Self.convolve(taps: (0..<taps).map { UnsafePointer(rows[$0] + offset) }, weights: w, into: out, count: width)
                    // Mirror the row ends for the horizontal pass.
                    let row = vertical + q * paddedWidth
                    for i in 0..<pad {
                        row[pad - 1 - i] = row[pad + reflect(-1 - i, width)]
                        row[pad + width + i] = row[pad + reflect(width + i, width)]
                    }
                    let source = UnsafePointer(row)
                    Self.convolve(taps: (0..<taps).map { source + $0 }, weights: w, into: filtered + offset, count: width)
                }
                // The SSIM of each pixel.
                result.withUnsafeMutableBufferPointer { out in
                    let row = out.baseAddress! + y * width, f = filtered
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
        return result
    }

    /// out[x] = Σₖ weights[k] · taps[k][x] for the symmetric 11-tap kernel, pairing the
    /// taps that share a weight; eight samples at a time.
    @inline(__always)
    static func convolve(taps t: [UnsafePointer<Float>], weights w: [Float], into out: UnsafeMutablePointer<Float>, count: Int) {
        typealias Lanes = SIMD8<Float>
        func at(_ p: UnsafePointer<Float>, _ x: Int) -> Lanes { UnsafeRawPointer(p + x).loadUnaligned(as: Lanes.self) }
        let t0 = t[0], t1 = t[1], t2 = t[2], t3 = t[3], t4 = t[4], t5 = t[5], t6 = t[6], t7 = t[7], t8 = t[8], t9 = t[9], t10 = t[10]
        let w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5]
        var x = 0
        while x + 8 <= count {
            var sum = w5 * at(t5, x)
            sum += w0 * (at(t0, x) + at(t10, x))
            sum += w1 * (at(t1, x) + at(t9, x))
            sum += w2 * (at(t2, x) + at(t8, x))
            sum += w3 * (at(t3, x) + at(t7, x))
            sum += w4 * (at(t4, x) + at(t6, x))
            UnsafeMutableRawPointer(out + x).storeBytes(of: sum, as: Lanes.self)
            x += 8
        }
        while x < count {
            var sum = w5 * t5[x]
            sum += w0 * (t0[x] + t10[x]) + w1 * (t1[x] + t9[x]) + w2 * (t2[x] + t8[x])
            sum += w3 * (t3[x] + t7[x]) + w4 * (t4[x] + t6[x])
            out[x] = sum
            x += 1
        }
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
