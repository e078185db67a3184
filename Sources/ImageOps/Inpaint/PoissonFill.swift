public import ImageCore

/// Fills a region of an image by solving Poisson's equation per colour channel: inside the
/// region, Δf = Δg, where g is a guide image (nil: 0, a harmonic "membrane" fill that
/// interpolates the surrounding colours smoothly); outside it, f is the base image. With
/// the model's result as the guide this is gradient-domain blending (Pérez et al. 2003):
/// the result's detail is kept and any global shift in tone is absorbed, so no seam shows
/// at the region's edge.
///
/// Solved coarse to fine: each level halves the region's bounding box until it is small,
/// is solved there, and is the starting point for red-black SOR on the level above.
/// Neighbours outside the image are left out (a zero-gradient border). Alpha is kept from
/// the base (or the guide inside the region).
public enum PoissonFill {
    /// Most SOR sweeps per level (the finest level gets `finestIterations`); a level stops
    /// early once no value moves by more than `tolerance` levels in a sweep.
    public static let iterationsPerLevel = 100
    public static let finestIterations = 500
    public static let tolerance: Float = 0.02
    /// Over-relaxation factor of the SOR sweeps.
    static let omega: Float = 1.8

    /// `base` with the pixels where `region` > 0 recomputed. `base` is RGBA8 or RGB8;
    /// `guide`, when given, must have `base`'s size. The result is RGBA8 (straight alpha).
    public static func fill(_ base: PixelBuffer, region: Mask, guide: PixelBuffer? = nil) -> PixelBuffer {
        precondition(region.size == base.size, "region \(region.size) does not match image \(base.size)")
        if let guide { precondition(guide.size == base.size, "guide \(guide.size) does not match image \(base.size)") }
        var output = base.converted(to: .rgba8)
        guard let box = MaskStatistics(region).boundingBox else { return output }
        // Work on the box plus a one-pixel ring of known pixels.
        let x0 = max(0, box.x - 1), y0 = max(0, box.y - 1)
        let x1 = min(base.width, box.maxX + 1), y1 = min(base.height, box.maxY + 1)
        let w = x1 - x0, h = y1 - y0
        let guideRGBA = guide?.converted(to: .rgba8)
        var unknown = [Bool](repeating: false, count: w * h)
        var planes = [[Float]](repeating: [Float](repeating: 0, count: w * h), count: 3)
        var guides: [[Float]]? = guideRGBA.map { _ in [[Float]](repeating: [Float](repeating: 0, count: w * h), count: 3) }
        let baseStride = output.bytesPerRow
        output.withUnsafeBytes { pixels in
            region.withUnsafeBytes { coverage in
                for y in 0..<h {
                    for x in 0..<w {
                        let i = y * w + x, source = (y + y0) * baseStride + (x + x0) * 4
                        unknown[i] = coverage[(y + y0) * region.width + x + x0] > 0
                        for c in 0..<3 { planes[c][i] = Float(pixels[source + c]) }
                    }
                }
            }
        }
        if let guideRGBA {
            guideRGBA.withUnsafeBytes { pixels in
                for y in 0..<h {
                    for x in 0..<w {
                        let source = (y + y0) * guideRGBA.bytesPerRow + (x + x0) * 4
                        for c in 0..<3 { guides![c][y * w + x] = Float(pixels[source + c]) }
                    }
                }
            }
        }
        for c in 0..<3 {
            solve(&planes[c], guide: guides?[c], unknown: unknown, width: w, height: h, iterations: finestIterations)
        }
        let stride = output.bytesPerRow
        let guideAlpha: [UInt8]? = guideRGBA.map { guide in
            guide.withUnsafeBytes { bytes in (0..<(w * h)).map { bytes[($0 / w + y0) * guide.bytesPerRow + ($0 % w + x0) * 4 + 3] } }
        }
        output.withUnsafeMutableBytes { pixels in
            for y in 0..<h {
                for x in 0..<w where unknown[y * w + x] {
                    let i = y * w + x, target = (y + y0) * stride + (x + x0) * 4
                    for c in 0..<3 { pixels[target + c] = UInt8(max(0, min(255, planes[c][i].rounded()))) }
                    if let guideAlpha { pixels[target + 3] = guideAlpha[i] }
                }
            }
        }
        return output
    }

    /// Solves one plane in place: unknown pixels get Δf = Δguide (0 without a guide).
    static func solve(_ f: inout [Float], guide: [Float]?, unknown: [Bool], width w: Int, height h: Int, iterations: Int) {
        // Start from a coarser solution when the region is large enough to need it.
        if w > 16 && h > 16 && unknown.contains(true) {
            let cw = (w + 1) / 2, ch = (h + 1) / 2
            var coarse = [Float](repeating: 0, count: cw * ch)
            var coarseGuide: [Float]? = guide.map { _ in [Float](repeating: 0, count: cw * ch) }
            var coarseUnknown = [Bool](repeating: false, count: cw * ch)
            for cy in 0..<ch {
                for cx in 0..<cw {
                    var sum: Float = 0, guideSum: Float = 0, known = 0, cells = 0, anyUnknown = false
                    for y in (2 * cy)..<min(h, 2 * cy + 2) {
                        for x in (2 * cx)..<min(w, 2 * cx + 2) {
                            let i = y * w + x
                            cells += 1
                            if let guide { guideSum += guide[i] }
                            if unknown[i] { anyUnknown = true } else { sum += f[i]; known += 1 }
                        }
                    }
                    let c = cy * cw + cx
                    coarseUnknown[c] = anyUnknown
                    coarse[c] = known > 0 ? sum / Float(known) : 0
                    if coarseGuide != nil { coarseGuide![c] = guideSum / Float(cells) }
                    // A coarse cell with known pixels keeps their mean as its boundary value
                    // only when it has no unknown pixel; otherwise it is solved.
                }
            }
            solve(&coarse, guide: coarseGuide, unknown: coarseUnknown, width: cw, height: ch, iterations: iterationsPerLevel)
            for y in 0..<h {
                for x in 0..<w where unknown[y * w + x] {
                    var value = coarse[(y / 2) * cw + x / 2]
                    if let guide, let coarseGuide { value += guide[y * w + x] - coarseGuide[(y / 2) * cw + x / 2] }
                    f[y * w + x] = value
                }
            }
        }
        // Red-black SOR on the unknown pixels, visited through a list of their indices.
        var red: [Int32] = [], black: [Int32] = []
        for y in 0..<h { for x in 0..<w where unknown[y * w + x] { ((x + y) & 1 == 0 ? { red.append(Int32(y * w + x)) } : { black.append(Int32(y * w + x)) })() } }
        let omega = Self.omega
        f.withUnsafeMutableBufferPointer { f in
            let g = guide ?? []
            g.withUnsafeBufferPointer { g in
                let guided = !g.isEmpty
                for _ in 0..<iterations {
                    var largest: Float = 0
                    for list in [red, black] {
                        for index in list {
                            let i = Int(index), x = i % w, y = i / w
                            var sum: Float = 0, count: Float = 0, lap: Float = 0
                            let gi = guided ? g[i] : 0
                            if x > 0 { sum += f[i - 1]; count += 1; if guided { lap += gi - g[i - 1] } }
                            if x + 1 < w { sum += f[i + 1]; count += 1; if guided { lap += gi - g[i + 1] } }
                            if y > 0 { sum += f[i - w]; count += 1; if guided { lap += gi - g[i - w] } }
                            if y + 1 < h { sum += f[i + w]; count += 1; if guided { lap += gi - g[i + w] } }
                            if count > 0 {
                                let step = omega * ((sum + lap) / count - f[i])
                                f[i] += step
                                largest = max(largest, abs(step))
                            }
                        }
                    }
                    if largest < Self.tolerance { break }
                }
            }
        }
    }
}
