import ImageCore

/// Attention gravity: an importance map (edges + saturation + skin tones) on a coarse
/// grid, blurred to the crop's scale, searched with a sliding window that rewards
/// importance inside the crop and penalises importance cut by its edges.
struct AttentionMap {
    /// Grid cell edge in source pixels.
    let cell: Int
    let columns: Int
    let rows: Int
    let imageSize: PixelSize
    /// Importance per cell, row-major.
    var importance: [Double]

    /// Weight of importance lying on the crop's border cells (cut by the crop).
    static let cutPenalty = 2.0

    init(_ image: PixelBuffer) {
        let rgba = image.converted(to: .rgba8)
        let cell = max(1, max(image.width, image.height) / 128)
        let columns = (image.width + cell - 1) / cell
        let rows = (image.height + cell - 1) / cell
        // Mean colour per cell.
        var sums = [Double](repeating: 0, count: columns * rows * 3), counts = [Double](repeating: 0, count: columns * rows)
        rgba.withUnsafeBytes { bytes in
            for y in 0..<image.height {
                let cy = y / cell
                for x in 0..<image.width {
                    let i = y * rgba.bytesPerRow + x * 4, c = cy * columns + x / cell
                    sums[c * 3] += Double(bytes[i]); sums[c * 3 + 1] += Double(bytes[i + 1]); sums[c * 3 + 2] += Double(bytes[i + 2])
                    counts[c] += 1
                }
            }
        }
        var luma = [Double](repeating: 0, count: columns * rows)
        var score = [Double](repeating: 0, count: columns * rows)
        for c in 0..<columns * rows {
            let r = sums[c * 3] / counts[c], g = sums[c * 3 + 1] / counts[c], b = sums[c * 3 + 2] / counts[c]
            luma[c] = 0.299 * r + 0.587 * g + 0.114 * b
            let saturation = (max(r, g, b) - min(r, g, b)) / 255
            let cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b, cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b
            let skin = (cb >= 77 && cb <= 127 && cr >= 133 && cr <= 173) ? 1.0 : 0.0
            score[c] = 0.5 * saturation + 0.5 * skin
        }
        // Edge energy: Sobel magnitude on the cell lumas.
        for y in 0..<rows {
            for x in 0..<columns {
                func l(_ dx: Int, _ dy: Int) -> Double {
                    luma[min(rows - 1, max(0, y + dy)) * columns + min(columns - 1, max(0, x + dx))]
                }
                let gx = l(1, -1) + 2 * l(1, 0) + l(1, 1) - l(-1, -1) - 2 * l(-1, 0) - l(-1, 1)
                let gy = l(-1, 1) + 2 * l(0, 1) + l(1, 1) - l(-1, -1) - 2 * l(0, -1) - l(1, -1)
                score[y * columns + x] += (gx * gx + gy * gy).squareRoot() / 255
            }
        }
        self.cell = cell
        self.columns = columns
        self.rows = rows
        self.imageSize = image.size
        self.importance = score
    }

    /// The crop of `size` (source pixels) with the best score.
    func bestCrop(_ size: PixelSize) -> PixelRect {
        let w = max(1, min(columns, Int((Double(size.width) / Double(cell)).rounded())))
        let h = max(1, min(rows, Int((Double(size.height) / Double(cell)).rounded())))
        let blurred = boxBlur(importance, radius: max(1, min(w, h) / 8))
        let integral = integralImage(blurred)
        func sum(_ x: Int, _ y: Int, _ cw: Int, _ ch: Int) -> Double {
            integral[(y + ch) * (columns + 1) + x + cw] - integral[y * (columns + 1) + x + cw]
                - integral[(y + ch) * (columns + 1) + x] + integral[y * (columns + 1) + x]
        }
        var best = (score: -Double.infinity, x: 0, y: 0)
        for y in 0...(rows - h) {
            for x in 0...(columns - w) {
                let inside = sum(x, y, w, h)
                // Importance on the crop's border cells, only where the crop edge is not the image edge.
                var border = 0.0
                if x > 0 { border += sum(x, y, 1, h) }
                if x + w < columns { border += sum(x + w - 1, y, 1, h) }
                if y > 0 { border += sum(x, y, w, 1) }
                if y + h < rows { border += sum(x, y + h - 1, w, 1) }
                let score = inside - Self.cutPenalty * border
                if score > best.score { best = (score, x, y) }
            }
        }
        let centre = ((Double(best.x) + Double(w) / 2) * Double(cell), (Double(best.y) + Double(h) / 2) * Double(cell))
        return CropPlacement.centred(size, at: centre, in: imageSize)
    }

    /// The fraction of total importance inside `rect` (source pixels).
    func keptFraction(_ rect: PixelRect) -> Double {
        var inside = 0.0, total = 0.0
        for y in 0..<rows {
            for x in 0..<columns {
                let value = importance[y * columns + x]
                total += value
                if rect.contains(x: x * cell + cell / 2, y: y * cell + cell / 2) { inside += value }
            }
        }
        return total > 0 ? inside / total : Double(rect.size.area) / Double(imageSize.area)
    }

    private func boxBlur(_ values: [Double], radius: Int) -> [Double] {
        var horizontal = values
        for y in 0..<rows {
            for x in 0..<columns {
                var sum = 0.0, n = 0.0
                for dx in -radius...radius where x + dx >= 0 && x + dx < columns { sum += values[y * columns + x + dx]; n += 1 }
                horizontal[y * columns + x] = sum / n
            }
        }
        var result = horizontal
        for y in 0..<rows {
            for x in 0..<columns {
                var sum = 0.0, n = 0.0
                for dy in -radius...radius where y + dy >= 0 && y + dy < rows { sum += horizontal[(y + dy) * columns + x]; n += 1 }
                result[y * columns + x] = sum / n
            }
        }
        return result
    }

    private func integralImage(_ values: [Double]) -> [Double] {
        var integral = [Double](repeating: 0, count: (columns + 1) * (rows + 1))
        for y in 0..<rows {
            var rowSum = 0.0
            for x in 0..<columns {
                rowSum += values[y * columns + x]
                integral[(y + 1) * (columns + 1) + x + 1] = integral[y * (columns + 1) + x + 1] + rowSum
            }
        }
        return integral
    }
}
