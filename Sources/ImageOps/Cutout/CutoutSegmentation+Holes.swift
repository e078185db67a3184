import ImageCore

extension CutoutSegmentation {
    /// Enclosed regions within the tolerance. `.remove` removes every one of at least
    /// max(9, count/200 000) pixels; `.auto` only those as flat as the border (a third of
    /// the tolerance more for lossy input), fenced by a real edge (80 % of the fence has
    /// 4 tolerances of contrast within 3 px, 8 for lossy input), and a minority (≤ 60 %)
    /// of the subject around them (the region's box, doubled): a white product's own body
    /// is most of it; on a noisy backdrop, showing its grain (`grainy`); in lossy input,
    /// not compression's dip in a light surface (`dipInASurface`).
    mutating func removeHoles(_ mode: CutoutOptions.Holes) {
        guard mode != .keep else { return }
        let w = width, h = height
        var seen = borrowScratch()
        defer { returnScratch(seen) }
        let minimum = max(9, count / 200_000)
        for start in 0..<count where near(start) && label[start] == .foreground && !seen[start] {
            let component = PixelGraph.collect(start, width: w, height: h, seen: &seen) { near($0) && label[$0] == .foreground }
            guard component.count >= minimum else { continue }
            guard mode == .remove || looksLikeAHole(component) else { continue }
            for k in component { label[k] = .background }
            holesRemoved += 1
        }
    }

    private func looksLikeAHole(_ component: [Int]) -> Bool {
        let w = width, h = height
        let mean = component.reduce(0.0) { $0 + Double(distance[$1]) } / Double(component.count)
        let flat = mean <= 1.5 * model.noise + 1.5 + (lossy ? tolerance / 3 : 0)
        var strong = 0, fence = 0
        let reach = lossy ? 8 : 3   // JPEG rings up to a block (8 px) from an edge
        for k in component {
            let x = k % w, y = k / w
            for (dx, dy) in PixelGraph.neighbours {
                let nx = x + dx, ny = y + dy
                guard nx >= 0, nx < w, ny >= 0, ny < h, !near(ny * w + nx) else { continue }
                fence += 1
                var peak: Float = 0
                for qy in max(0, ny - reach)...min(h - 1, ny + reach) {
                    for qx in max(0, nx - reach)...min(w - 1, nx + reach) { peak = max(peak, distance[qy * w + qx]) }
                }
                if Double(peak) >= 4 * tolerance { strong += 1 }
            }
        }
        let fenced = fence > 0 && Double(strong) >= 0.8 * Double(fence)
        var minX = w, minY = h, maxX = 0, maxY = 0
        for k in component { minX = min(minX, k % w); maxX = max(maxX, k % w); minY = min(minY, k / w); maxY = max(maxY, k / w) }
        let extendX = (maxX - minX + 1) / 2, extendY = (maxY - minY + 1) / 2
        var around = 0
        for y in max(0, minY - extendY)...min(h - 1, maxY + extendY) {
            for x in max(0, minX - extendX)...min(w - 1, maxX + extendX) where !near(y * w + x) { around += 1 }
        }
        let share = Double(component.count) / Double(component.count + around)
        return flat && fenced && share <= 0.6 && grainy(component) && !dipInASurface(component, box: (minX, minY, maxX, maxY))
    }

    /// Whether a lossy region is compression's dip in a light surface rather than a hole:
    /// no pixel of it has all 8 neighbours within the tolerance (a hole of any size that
    /// shows the backdrop has), and a flat surface just outside the tolerance (at least 9
    /// pixels within 3 tolerances of the backdrop, `flatSurface`) lies within 8 px. A
    /// white body a few levels beyond the tolerance dips under it where ringing from its
    /// outline crosses it; removing the dip took the body with it.
    private func dipInASurface(_ component: [Int], box: (minX: Int, minY: Int, maxX: Int, maxY: Int)) -> Bool {
        guard lossy else { return false }
        let w = width, h = height
        let cored = component.contains { k in
            let x = k % w, y = k / w
            for ny in max(0, y - 1)...min(h - 1, y + 1) {
                for nx in max(0, x - 1)...min(w - 1, x + 1) where !near(ny * w + nx) { return false }
            }
            return true
        }
        guard !cored else { return false }
        var surface = 0
        for y in max(0, box.minY - 8)...min(h - 1, box.maxY + 8) {
            for x in max(0, box.minX - 8)...min(w - 1, box.maxX + 8) {
                let k = y * w + x
                guard !near(k), Double(distance[k]) < 3 * tolerance, flatSurface(k) else { continue }
                surface += 1
                if surface >= 9 { return true }
            }
        }
        return false
    }

    /// Whether the region shows the backdrop's grain: on a noisy backdrop (noise ≥ 2) in
    /// lossless input, a hole's pixels spread about their median as the backdrop's do (at
    /// least 0.4 of its noise, measured the same way); a blown highlight is clipped flat.
    /// True when the test cannot tell (a clean or lossy backdrop, under 16 pixels).
    private func grainy(_ component: [Int]) -> Bool {
        guard !lossy, model.noise >= 2, component.count >= 16 else { return true }
        // About the median colour: the anti-aliased rim of a highlight would pull a mean off
        // its flat centre.
        let middle = (0..<3).map { c in component.map { bytes[3 * $0 + c] }.sorted()[component.count / 2] }
        let centre = SIMD3<Float>(Float(middle[0]), Float(middle[1]), Float(middle[2]))
        var deviations = component.map { k -> Float in let d = pixel(k) - centre; return (d * d).sum().squareRoot() }
        deviations.sort()
        return 1.4826 * Double(deviations[deviations.count / 2]) >= 0.4 * model.noise
    }
}
