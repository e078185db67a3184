/// The alignment search: the integer shift (|dx|, |dy| ≤ radius) that minimises the
/// mean squared RGB difference over the overlap, sampled on every 4th row and column;
/// then the ΔE00-changed fraction at that shift, over the whole overlap.
enum ShiftSearch {
    static func best(_ a: [UInt8], _ b: [UInt8], width: Int, height: Int, radius: Int, deltaEThreshold: Double,
                     unshiftedChangedFraction: Double) -> AlignmentResult {
        var bestShift = (0, 0), bestScore = Double.infinity
        let step = 4
        for dy in -radius...radius {
            for dx in -radius...radius {
                let x0 = max(0, -dx), x1 = min(width, width - dx), y0 = max(0, -dy), y1 = min(height, height - dy)
                guard x1 - x0 > 2 * radius, y1 - y0 > 2 * radius else { continue }
                var total = 0, samples = 0
                for y in stride(from: y0, to: y1, by: step) {
                    for x in stride(from: x0, to: x1, by: step) {
                        let i = 3 * (y * width + x), j = 3 * ((y + dy) * width + x + dx)
                        let dr = Int(a[i]) - Int(b[j]), dg = Int(a[i + 1]) - Int(b[j + 1]), db = Int(a[i + 2]) - Int(b[j + 2])
                        total += dr * dr + dg * dg + db * db
                        samples += 1
                    }
                }
                let score = Double(total) / Double(max(samples, 1))
                // Prefer the smaller shift on ties (no shift first).
                if score < bestScore - 1e-9 || (abs(score - bestScore) <= 1e-9 && abs(dx) + abs(dy) < abs(bestShift.0) + abs(bestShift.1)) {
                    bestScore = score; bestShift = (dx, dy)
                }
            }
        }
        let (dx, dy) = bestShift
        if dx == 0 && dy == 0 { return AlignmentResult(dx: 0, dy: 0, changedFraction: unshiftedChangedFraction) }
        let x0 = max(0, -dx), x1 = min(width, width - dx), y0 = max(0, -dy), y1 = min(height, height - dy)
        var changed = 0, pixels = 0
        for y in y0..<y1 {
            for x in x0..<x1 {
                let i = 3 * (y * width + x), j = 3 * ((y + dy) * width + x + dx)
                pixels += 1
                if a[i] == b[j] && a[i + 1] == b[j + 1] && a[i + 2] == b[j + 2] { continue }
                let d = CIEDE2000.difference(SRGBToLab.lab(a[i], a[i + 1], a[i + 2]), SRGBToLab.lab(b[j], b[j + 1], b[j + 2]))
                if d > deltaEThreshold { changed += 1 }
            }
        }
        return AlignmentResult(dx: dx, dy: dy, changedFraction: Double(changed) / Double(max(pixels, 1)))
    }
}
