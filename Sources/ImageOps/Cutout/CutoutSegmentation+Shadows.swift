import ImageCore

extension CutoutSegmentation {
    /// Shadows: foreground connected to the background that is darker than the backdrop
    /// by a nearly channel-constant factor varying smoothly (a ramp passes; texture,
    /// outlines and flat bright product surfaces do not). Components smaller than
    /// max(64, count/2000) go back to the foreground: a shadow is an area, not a fringe.
    mutating func findShadows() {
        let w = width, h = height
        factor = LargeAllocation.array(repeating: Self.noShade, count: count)
        let ceiling: Float = lossy ? 0.98 : 0.998
        let ratios = flatRatios()
        for k in 0..<count where label[k] == .foreground {
            let (mean, neutral) = darkening(k, flatRatios: ratios)
            if mean > 0.2 && mean < ceiling && neutral { factor[k] = UInt16((mean * 65535).rounded()) }
        }
        // A flat, bright, slightly darker area is a white product's surface (shadows fade):
        // no candidate where the factor stays within 0.004 over 5×5 (clipped at the image
        // edge). So is the side of a step between two such levels (a seam between two
        // white panels, the body beside its grey outline): of the window's candidates, at
        // least 10 within 0.004 (0.008 for lossy input) of the pixel's factor, some beyond
        // 0.02, none in between (a shadow's fade would be). Other pixels (the backdrop, a
        // coloured product) are no step: a shadow meets them. In lossy input, where
        // compression noise breaks both tests, so is a level surface (`levelSurface`).
        // Windows read the original factors (flat ones are reset after the scan).
        let range = UInt16(0.004 * 65535), level = UInt16((lossy ? 0.008 : 0.004) * 65535), step = UInt16(0.02 * 65535)
        var flat: [Int32] = []
        for k in 0..<count where factor[k] < Self.noShade && shade(k) > 0.9 {
            let x = k % w, y = k / w, own = factor[k]
            var lowest = own, highest = own, same = 0, beyond = false, between = false
            for ny in max(0, y - 2)...min(h - 1, y + 2) {
                for nx in max(0, x - 2)...min(w - 1, x + 2) {
                    let f = factor[ny * w + nx]
                    lowest = min(lowest, f); highest = max(highest, f)
                    guard f < Self.noShade else { continue }
                    let d = f > own ? f - own : own - f
                    if d < level { same += 1 } else if d > step { beyond = true } else { between = true }
                }
            }
            if highest - lowest < range || (same >= 10 && beyond && !between) || (lossy && levelSurface(k)) { flat.append(Int32(k)) }
        }
        for k in flat { factor[Int(k)] = Self.noShade }
        // Seeds: smooth candidates where the backdrop fades into them.
        var queue: [Int] = []
        for k in 0..<count where factor[k] < Self.noShade && label[k] == .foreground && fadesFromBackground(k, flatRatios: ratios) && smooth(k) {
            label[k] = .shadow
            queue.append(k)
            shadowCount += 1
        }
        PixelGraph.flood(&queue, width: w, height: h) { k in
            guard label[k] == .foreground, smooth(k) else { return false }
            label[k] = .shadow
            shadowCount += 1
            return true
        }
        guard shadowCount > 0 else { return }
        var seen = borrowScratch()
        defer { returnScratch(seen) }
        let minimum = max(64, count / 2000)
        for start in 0..<count where label[start] == .shadow && !seen[start] {
            let component = PixelGraph.collect(start, width: w, height: h, seen: &seen) { label[$0] == .shadow }
            if component.count < minimum {
                for k in component { label[k] = .foreground }
                shadowCount -= component.count
            }
        }
    }

    /// The shadow's fading outer fringe: connected foreground lighter than 97 % of the
    /// backdrop by a nearly channel-constant factor (no smoothness asked: there the
    /// shadow changes by a level every few pixels, and compression noise breaks the
    /// test), all of it within 8 px of the background (a band, not a light product's
    /// body), with no other foreground (a darker or coloured pixel: the product) within
    /// 2 px, joins the shadow at alpha 1 − factor when the component touches the shadow
    /// where the shadow is within 0.03 of its factor (the fade continues), or is a strip
    /// within 2 px of the background. Without this the last levels of a soft shadow
    /// stayed opaque: a ring of near-white pixels around it.
    mutating func absorbShadowFringe() {
        guard shadowCount > 0 else { return }
        let w = width, h = height
        var ratio = [Float](repeating: 0, count: count)
        var light = [Bool](repeating: false, count: count)
        let ratios = flatRatios()
        for k in 0..<count where label[k] == .foreground {
            let (mean, neutral) = darkening(k, flatRatios: ratios)
            ratio[k] = mean
            light[k] = mean >= 0.97 && mean < 1 && neutral
        }
        let nearBackground = ChebyshevDistance.compute(width: w, height: h, limit: 8) { label[$0] == .background }
        let nearProduct = ChebyshevDistance.compute(width: w, height: h, limit: 2) { label[$0] == .foreground && !light[$0] }
        func candidate(_ k: Int) -> Bool { light[k] && label[k] == .foreground && nearProduct[k] > 2 }
        var seen = borrowScratch()
        defer { returnScratch(seen) }
        for start in 0..<count where candidate(start) && !seen[start] {
            let component = PixelGraph.collect(start, width: w, height: h, seen: &seen, member: candidate)
            // A band, not a body: a light product surface reaches further from the backdrop.
            guard component.allSatisfy({ nearBackground[$0] <= 8 }) else { continue }
            // Touching the shadow where it continues the shadow's fade (a white product
            // standing on its shadow is much lighter than the shadow at their edge).
            let touchesShadow = component.contains { k in
                anyNeighbour(of: k) { j in label[j] == .shadow && abs(shade(j) - ratio[k]) <= 0.03 }
            }
            // A strip at most 2 px from the background is the same fringe cut off by noise.
            let strip = component.allSatisfy { nearBackground[$0] <= 2 }
            guard touchesShadow || strip else { continue }
            for k in component {
                label[k] = .shadow
                factor[k] = UInt16((min(max(ratio[k], 0), 1) * 65535).rounded())
            }
            shadowCount += component.count
        }
    }

    /// For a flat backdrop, each channel's ratio pixel ÷ backdrop per 8-bit level (the
    /// same division, once per level); nil for a gradient.
    func flatRatios() -> [[Float]]? {
        guard model.isFlat else { return nil }
        return (0..<3).map { c in
            let b = max(backdrop(0)[c], 1)
            return (0...255).map { Float($0) / b }
        }
    }

    /// Pixel k as a darkening of its backdrop: the mean of the three channel ratios, and
    /// whether they agree (spread under 0.05 + 0.1 · (1 − mean): a shadow darkens every
    /// channel alike).
    func darkening(_ k: Int, flatRatios t: [[Float]]?) -> (mean: Float, neutral: Bool) {
        let r: SIMD3<Float>
        if let t {
            r = SIMD3(t[0][Int(bytes[3 * k])], t[1][Int(bytes[3 * k + 1])], t[2][Int(bytes[3 * k + 2])])
        } else {
            r = pixel(k) / pointwiseMax(backdrop(k), SIMD3(repeating: 1))
        }
        let mean: Float = r.sum() / 3
        return (mean, r.max() - r.min() < 0.05 + 0.1 * (1 - mean))
    }

    /// Whether the factors around pixel k (7×7, those within 0.03 of its own) lie on a
    /// level plane: a least-squares slope under 0.0015 per pixel from at least 20 of them.
    /// For lossy input, where compression noise (±2 levels) breaks the range test: a
    /// light product's flat surface (a sole 5 % darker than the backdrop, beside the edge
    /// that makes its block noisy) is level, while a shadow's fade falls by 0.004 per
    /// pixel or more even at its faint end.
    func levelSurface(_ k: Int) -> Bool {
        let x = k % width, y = k / width, own = shade(k)
        var n: Float = 0, sx: Float = 0, sy: Float = 0, sxx: Float = 0, syy: Float = 0, sxy: Float = 0
        var sf: Float = 0, sxf: Float = 0, syf: Float = 0
        for ny in max(0, y - 3)...min(height - 1, y + 3) {
            for nx in max(0, x - 3)...min(width - 1, x + 3) {
                let j = ny * width + nx
                guard factor[j] < Self.noShade else { continue }
                let f = shade(j) - own
                guard abs(f) <= 0.03 else { continue }
                let u = Float(nx - x), v = Float(ny - y)
                n += 1; sx += u; sy += v; sxx += u * u; syy += v * v; sxy += u * v
                sf += f; sxf += u * f; syf += v * f
            }
        }
        guard n >= 20 else { return false }
        // Centre the sums, then solve the 2×2 normal equations for the slopes.
        let cxx = sxx - sx * sx / n, cyy = syy - sy * sy / n, cxy = sxy - sx * sy / n
        let cxf = sxf - sx * sf / n, cyf = syf - sy * sf / n
        let determinant = cxx * cyy - cxy * cxy
        guard determinant > 1e-3 else { return false }
        let b = (cxf * cyy - cyf * cxy) / determinant, c = (cyf * cxx - cxf * cxy) / determinant
        return (b * b + c * c).squareRoot() < 0.0015
    }

    /// Whether a 4-neighbour of pixel k is background darkened within 0.03 of k's factor:
    /// a shadow begins with its faint fringe, so the backdrop fades into it. The
    /// anti-aliased rim of pale grey lettering (or of a light product) steps from the
    /// backdrop: seeded there, a shadow took over the strokes.
    func fadesFromBackground(_ k: Int, flatRatios: [[Float]]?) -> Bool {
        let own = shade(k)
        return anyNeighbour(of: k) { j in label[j] == .background && abs(min(darkening(j, flatRatios: flatRatios).mean, 1) - own) <= 0.03 }
    }

    /// The factor of pixel k (1 where none).
    @inline(__always) func shade(_ k: Int) -> Float { Float(factor[k]) * (1 / 65535) }

    /// Every 4-neighbour within 0.06 of the factor, and the factor within 0.012 of their mean.
    func smooth(_ k: Int) -> Bool {
        let x = k % width, y = k / width
        guard factor[k] < Self.noShade else { return false }
        let own = shade(k)
        var total: Float = 0, neighbours: Float = 0
        for (dx, dy) in PixelGraph.neighbours {
            let nx = x + dx, ny = y + dy
            guard nx >= 0, nx < width, ny >= 0, ny < height else { continue }
            let j = ny * width + nx
            let other = label[j] == .background ? Float(1) : shade(j)
            if abs(other - own) > 0.06 { return false }
            total += other; neighbours += 1
        }
        return neighbours == 0 || abs(total / neighbours - own) <= 0.012
    }
}
