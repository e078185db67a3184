import ImageCore

/// Attention gravity: an importance map on a coarse grid (128 cells on the long edge),
/// searched with a sliding window that rewards importance inside the crop, penalises
/// importance cut by its edges, and keeps whole each salient object that fits.
///
/// Importance per cell: colour rarity (global contrast: a cell whose colour is far from
/// the colours covering most of the image, so a subject stands out from a large
/// saturated garment or a textured wall, both of which are common), Sobel edges on the
/// cell luma, and skin tones. Objects are the connected cells well above the mean; the
/// top 40 % of each object's box counts double, because the heads and faces of people
/// and animals sit at the top of their outline. Faces found by a detector (`faces`)
/// become heads (the face box widened by a quarter each side, raised by half its height
/// for the hair, lowered by a quarter for the chin) that outweigh everything else and are
/// kept whole whenever they fit.
struct AttentionMap {
    /// Grid cell edge in source pixels.
    let cell: Int
    let columns: Int
    let rows: Int
    let imageSize: PixelSize
    /// Importance per cell, row-major.
    var importance: [Double]
    /// Salient objects: bounding boxes in cells and their importance, largest first.
    var objects: [(box: PixelRect, mass: Double)]
    /// How many of `objects` (the first ones) are heads from detected faces.
    var headCount = 0

    /// Weight of importance lying on the crop's border cells (cut by the crop).
    static let cutPenalty = 2.0
    /// Weight of an object's importance left outside a crop it would fit in.
    static let splitPenalty = 1.5

    init(_ image: PixelBuffer, faces: [PixelRect] = []) {
        let rgba = image.converted(to: .rgba8)
        let cell = max(1, max(image.width, image.height) / 128)
        let columns = (image.width + cell - 1) / cell
        let rows = (image.height + cell - 1) / cell
        let count = columns * rows
        // Mean colour per cell.
        var sums = [Double](repeating: 0, count: count * 3), counts = [Double](repeating: 0, count: count)
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
        var lab = [(l: Double, a: Double, b: Double)](repeating: (0, 0, 0), count: count)
        var skin = [Double](repeating: 0, count: count)
        for c in 0..<count {
            let r = sums[c * 3] / counts[c], g = sums[c * 3 + 1] / counts[c], b = sums[c * 3 + 2] / counts[c]
            lab[c] = SRGBToLab.lab(UInt8(r.rounded()), UInt8(g.rounded()), UInt8(b.rounded()))
            let cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b, cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b
            skin[c] = (cb >= 77 && cb <= 127 && cr >= 133 && cr <= 173) ? 1 : 0
        }
        // Colour rarity: each cell's colour bin against the colour of every bin, weighted by
        // how much of the image the other bin covers.
        func bin(_ v: (l: Double, a: Double, b: Double)) -> Int {
            let l = min(7, max(0, Int(v.l / 12.5))), a = min(7, max(0, Int((v.a + 64) / 16))), b = min(7, max(0, Int((v.b + 64) / 16)))
            return (l * 8 + a) * 8 + b
        }
        var binCount = [Double](repeating: 0, count: 512), binSum = [(Double, Double, Double)](repeating: (0, 0, 0), count: 512)
        for c in 0..<count {
            let k = bin(lab[c])
            binCount[k] += 1
            binSum[k] = (binSum[k].0 + lab[c].l, binSum[k].1 + lab[c].a, binSum[k].2 + lab[c].b)
        }
        let used = (0..<512).filter { binCount[$0] > 0 }
        let means = used.map { (binSum[$0].0 / binCount[$0], binSum[$0].1 / binCount[$0], binSum[$0].2 / binCount[$0]) }
        var rarityOfBin = [Double](repeating: 0, count: 512)
        for (i, k) in used.enumerated() {
            var total = 0.0
            for (j, other) in used.enumerated() {
                let d = ((means[i].0 - means[j].0) * (means[i].0 - means[j].0) + (means[i].1 - means[j].1) * (means[i].1 - means[j].1)
                         + (means[i].2 - means[j].2) * (means[i].2 - means[j].2)).squareRoot()
                total += binCount[other] * d
            }
            rarityOfBin[k] = total / Double(count)
        }
        let largestRarity = max(1e-9, rarityOfBin.max() ?? 1)
        // Edge energy: Sobel magnitude on the cell L*, scaled by its 99th percentile.
        var edges = [Double](repeating: 0, count: count)
        for y in 0..<rows {
            for x in 0..<columns {
                func l(_ dx: Int, _ dy: Int) -> Double { lab[min(rows - 1, max(0, y + dy)) * columns + min(columns - 1, max(0, x + dx))].l }
                let gx = l(1, -1) + 2 * l(1, 0) + l(1, 1) - l(-1, -1) - 2 * l(-1, 0) - l(-1, 1)
                let gy = l(-1, 1) + 2 * l(0, 1) + l(1, 1) - l(-1, -1) - 2 * l(0, -1) - l(1, -1)
                edges[y * columns + x] = (gx * gx + gy * gy).squareRoot()
            }
        }
        let edgeScale = max(1e-9, edges.sorted()[min(count - 1, Int(Double(count) * 0.99))])
        var score = [Double](repeating: 0, count: count)
        for c in 0..<count {
            score[c] = 0.6 * rarityOfBin[bin(lab[c])] / largestRarity + 0.25 * min(1, edges[c] / edgeScale) + 0.15 * skin[c]
        }
        self.cell = cell
        self.columns = columns
        self.rows = rows
        self.imageSize = image.size
        self.importance = score
        self.objects = []
        findObjects()
        addHeads(faces)
    }

    /// Each face's head as the heaviest object: half the map's whole importance is added,
    /// spread over the head's cells, so no garment or texture outweighs it.
    private mutating func addHeads(_ faces: [PixelRect]) {
        let total = importance.reduce(0, +)
        var heads: [(box: PixelRect, mass: Double)] = []
        for face in faces {
            let x0 = max(0, (face.x - face.width / 4) / cell), x1 = min(columns - 1, (face.maxX + face.width / 4) / cell)
            let y0 = max(0, (face.y - face.height / 2) / cell), y1 = min(rows - 1, (face.maxY + face.height / 4) / cell)
            guard x0 <= x1 && y0 <= y1 else { continue }
            let cells = (x1 - x0 + 1) * (y1 - y0 + 1)
            let boost = 0.5 * total / Double(cells)
            var mass = 0.0
            for y in y0...y1 { for x in x0...x1 { importance[y * columns + x] += boost; mass += importance[y * columns + x] } }
            heads.append((PixelRect(x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1), mass))
        }
        objects = heads.sorted { $0.mass > $1.mass } + objects
        headCount = heads.count
    }

    /// Objects: 8-connected cells above mean + 1 standard deviation, larger than 0.2 % of
    /// the grid; the top 40 % of each object's box weighs double.
    private mutating func findObjects() {
        let count = importance.count
        let mean = importance.reduce(0, +) / Double(count)
        let deviation = (importance.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count)).squareRoot()
        let threshold = mean + deviation
        var label = [Int](repeating: -1, count: count)
        var found: [(box: PixelRect, cells: [Int])] = []
        for start in 0..<count where importance[start] > threshold && label[start] < 0 {
            var stack = [start], cells: [Int] = []
            label[start] = found.count
            var minX = columns, minY = rows, maxX = 0, maxY = 0
            while let c = stack.popLast() {
                cells.append(c)
                let x = c % columns, y = c / columns
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
                for dy in -1...1 {
                    for dx in -1...1 {
                        let nx = x + dx, ny = y + dy
                        guard nx >= 0, nx < columns, ny >= 0, ny < rows else { continue }
                        let n = ny * columns + nx
                        if label[n] < 0 && importance[n] > threshold { label[n] = found.count; stack.append(n) }
                    }
                }
            }
            found.append((PixelRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1), cells))
        }
        let smallest = max(4, count / 500)
        for object in found where object.cells.count >= smallest {
            let headRows = object.box.y + max(1, Int((Double(object.box.height) * 0.4).rounded()))
            var mass = 0.0
            for c in object.cells {
                if c / columns < headRows { importance[c] *= 2 }
                mass += importance[c]
            }
            objects.append((object.box, mass))
        }
        objects.sort { $0.mass > $1.mass }
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
        // Heads and the three largest other objects that fit the crop should stay whole.
        let fitting = objects.prefix(headCount + 3).filter { $0.box.width <= w && $0.box.height <= h }
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
                var split = 0.0
                let crop = PixelRect(x: x, y: y, width: w, height: h)
                for object in fitting where !crop.contains(object.box) {
                    let kept = Double(object.box.intersection(crop)?.size.area ?? 0) / Double(object.box.size.area)
                    split += object.mass * (1 - kept)
                }
                let score = inside - Self.cutPenalty * border - Self.splitPenalty * split
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
