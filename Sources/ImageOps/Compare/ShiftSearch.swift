/// The alignment search: the integer shift (|dx|, |dy| ≤ radius) that minimises the
/// mean squared RGB difference over the overlap, sampled on every 4th row and column;
/// then the ΔE00-changed fraction at that shift, over the whole overlap.
enum ShiftSearch {
    static func best(_ a: [UInt8], _ b: [UInt8], width: Int, height: Int, radius: Int, deltaEThreshold: Double,
                     unshiftedChangedFraction: Double) -> AlignmentResult {
        var bestShift = (0, 0), bestScore = Double.infinity
        let step = 4
        // No shift first: most pairs are aligned, and every other shift then stops as soon
        // as its partial sum exceeds the best mean (it can only grow).
        var shifts = [(0, 0)]
        for dy in -radius...radius { for dx in -radius...radius where dx != 0 || dy != 0 { shifts.append((dx, dy)) } }
        for (dx, dy) in shifts {
            let x0 = max(0, -dx), x1 = min(width, width - dx), y0 = max(0, -dy), y1 = min(height, height - dy)
            guard x1 - x0 > 2 * radius, y1 - y0 > 2 * radius else { continue }
            let samples = ((x1 - x0 + step - 1) / step) * ((y1 - y0 + step - 1) / step)
            let limit = (bestScore + 1e-9) * Double(samples)
            var total = 0, abandoned = false
            for y in stride(from: y0, to: y1, by: step) {
                for x in stride(from: x0, to: x1, by: step) {
                    let i = 3 * (y * width + x), j = 3 * ((y + dy) * width + x + dx)
                    let dr = Int(a[i]) - Int(b[j]), dg = Int(a[i + 1]) - Int(b[j + 1]), db = Int(a[i + 2]) - Int(b[j + 2])
                    total += dr * dr + dg * dg + db * db
                }
                if Double(total) > limit { abandoned = true; break }
            }
            if abandoned { continue }
            let score = Double(total) / Double(max(samples, 1))
            // Prefer the smaller shift on ties (no shift first).
            if score < bestScore - 1e-9 || (abs(score - bestScore) <= 1e-9 && abs(dx) + abs(dy) < abs(bestShift.0) + abs(bestShift.1)) {
                bestScore = score; bestShift = (dx, dy)
            }
        }
        let (dx, dy) = bestShift
        if dx == 0 && dy == 0 { return AlignmentResult(dx: 0, dy: 0, changedFraction: unshiftedChangedFraction) }
        let x0 = max(0, -dx), x1 = min(width, width - dx), y0 = max(0, -dy), y1 = min(height, height - dy)
        // The overlap of A and of B shifted, packed side by side, then ΔE00 in one batch.
        let pixels = (x1 - x0) * (y1 - y0)
        var overlapA = [UInt8](repeating: 0, count: 3 * pixels), overlapB = overlapA
        var o = 0
        for y in y0..<y1 {
            for x in x0..<x1 {
                let i = 3 * (y * width + x), j = 3 * ((y + dy) * width + x + dx)
                overlapA[o] = a[i]; overlapA[o + 1] = a[i + 1]; overlapA[o + 2] = a[i + 2]
                overlapB[o] = b[j]; overlapB[o + 1] = b[j + 1]; overlapB[o + 2] = b[j + 2]
                o += 3
            }
        }
        var deltaE = [Float](repeating: 0, count: pixels)
        overlapA.withUnsafeBufferPointer { pa in
            overlapB.withUnsafeBufferPointer { pb in
                deltaE.withUnsafeMutableBufferPointer { DeltaEBatch.compute(pa.baseAddress!, pb.baseAddress!, count: pixels, into: $0.baseAddress!) }
            }
        }
        let threshold = Float(deltaEThreshold)
        let changed = deltaE.reduce(0) { $0 + ($1 > threshold ? 1 : 0) }
        return AlignmentResult(dx: dx, dy: dy, changedFraction: Double(changed) / Double(max(pixels, 1)))
    }
}
