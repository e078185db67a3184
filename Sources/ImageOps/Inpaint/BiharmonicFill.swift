public import ImageCore

/// Fills a region of an image with the smoothest continuation of its surroundings in both
/// value and slope: per colour channel, the biharmonic equation Δ²u = 0 on the region's
/// pixels with the image two pixels deep around it as the boundary (scikit-image's
/// `inpaint_biharmonic`). Discretely, u minimises Σ (Lu)² over every pixel whose
/// 4-neighbour Laplacian L reaches the region (neighbours outside the image are left
/// out); its normal equations are the 13-point Δ² stencil inside. The pixels under the
/// region are never read.
///
/// Nearby parts of the region (whose 2-pixel margins meet) are solved together, exactly,
/// by a banded Cholesky factorisation; a group whose factorisation would cost more than
/// `workLimit` multiply-adds keeps the harmonic fill (`PoissonFill`) instead. Alpha is
/// kept from the base. The result is RGBA8 (straight alpha).
public enum BiharmonicFill {
    /// Largest factorisation tried, in multiply-adds (unknowns × bandwidth²): about 0.3 s.
    /// A disc of 150 px diameter is about 2·10⁸.
    public static let workLimit = 600_000_000
    /// Largest box looked at (pixels, about 5 bytes each) and largest band matrix
    /// (entries, 8 bytes each): 16 M each, so a group never takes more than about 210 MB.
    static let largestBox = 1 << 24
    static let largestMatrix = 1 << 24
    /// Most separate parts grouped pairwise (the grouping is up to cubic in them).
    static let maximumParts = 256

    /// `base` (RGBA8 or RGB8) with the pixels where `region` > 0 recomputed.
    /// `membraneWeight` (0…1) mixes in the harmonic fill: (1 − w) · biharmonic + w ·
    /// harmonic. The thin plate continues slopes and so overshoots where texture ends at
    /// the hole; the membrane undershoots; their mean (w = 0.5, what the local provider
    /// uses) is closer to the truth on photos than either (`Benchmarks/compare/inpaint_check.py`).
    /// - Precondition: `region` has `base`'s size.
    public static func fill(_ base: PixelBuffer, region: Mask, membraneWeight: Double = 0) -> PixelBuffer {
        precondition(region.size == base.size, "region \(region.size) does not match image \(base.size)")
        let weight = max(0, min(1, membraneWeight.isNaN ? 0 : membraneWeight))
        var output = base.converted(to: .rgba8)
        let membrane = weight > 0 ? PoissonFill.fill(base, region: region) : nil
        let width = base.width, height = base.height
        var leftOver = Mask(width: width, height: height)
        var anyLeftOver = false
        for group in groups(of: region) {
            if !solve(group, in: &output, region: region, membrane: membrane, weight: weight) {
                leftOver.withUnsafeMutableBytes { bytes in
                    region.withUnsafeBytes { coverage in
                        for y in group.y..<group.maxY {
                            for x in group.x..<group.maxX where coverage[y * width + x] > 0 { bytes[y * width + x] = 255 }
                        }
                    }
                }
                anyLeftOver = true
            }
        }
        guard anyLeftOver else { return output }
        guard let membrane else { return PoissonFill.fill(output, region: leftOver) }
        // The groups left over take the membrane as it is (coverage 255: a copy).
        return PasteBack.blend(output, membrane, coverage: leftOver)
    }

    /// Boxes of the region's 8-connected parts, merged until no two boxes come within 2
    /// pixels of each other (the reach of Δ²): each box holds its parts whole, and every
    /// region pixel within 2 pixels of a box belongs to it. Over `maximumParts` parts, one
    /// box around them all.
    static func groups(of region: Mask) -> [PixelRect] {
        let width = region.width, height = region.height
        var boxes: [PixelRect] = []
        var seen = [Bool](repeating: false, count: width * height)
        var stack: [Int] = []
        region.withUnsafeBytes { coverage in
            for start in 0..<(width * height) where coverage[start] > 0 && !seen[start] {
                seen[start] = true
                stack.append(start)
                var minX = width, minY = height, maxX = -1, maxY = -1
                while let i = stack.popLast() {
                    let x = i % width, y = i / width
                    minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
                    for ny in max(0, y - 1)...min(height - 1, y + 1) {
                        for nx in max(0, x - 1)...min(width - 1, x + 1) {
                            let j = ny * width + nx
                            if coverage[j] > 0 && !seen[j] { seen[j] = true; stack.append(j) }
                        }
                    }
                }
                boxes.append(PixelRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1))
            }
        }
        // Too many parts to pair up (a dithered or speckled mask): one group, which the
        // work limit then hands to the membrane.
        if boxes.count > maximumParts, let first = boxes.first { return [boxes.dropFirst().reduce(first, union)] }
        // Merge boxes whose 2-pixel margins meet, until none do.
        var merged = true
        while merged {
            merged = false
            var result: [PixelRect] = []
            for box in boxes {
                var current = box
                var k = 0
                while k < result.count {
                    if expanded(result[k], by: 2).intersection(expanded(current, by: 2)) != nil {
                        current = union(current, result.remove(at: k))
                        merged = true
                        k = 0
                    } else {
                        k += 1
                    }
                }
                result.append(current)
            }
            boxes = result
        }
        return boxes
    }

    static func expanded(_ r: PixelRect, by d: Int) -> PixelRect {
        PixelRect(x: r.x - d, y: r.y - d, width: r.width + 2 * d, height: r.height + 2 * d)
    }

    static func union(_ a: PixelRect, _ b: PixelRect) -> PixelRect {
        let x0 = min(a.x, b.x), y0 = min(a.y, b.y)
        return PixelRect(x: x0, y: y0, width: max(a.maxX, b.maxX) - x0, height: max(a.maxY, b.maxY) - y0)
    }

    /// Solves the region pixels inside `group` (a box from `groups`) and writes them to
    /// `image` (RGBA8), mixed with `membrane` (RGBA8, the harmonic fill) by `weight`.
    /// Returns false, leaving `image` alone, when the group has no known pixel around it
    /// or its factorisation is over `workLimit`.
    static func solve(_ group: PixelRect, in image: inout PixelBuffer, region: Mask, membrane: PixelBuffer?, weight: Double) -> Bool {
        let imageWidth = image.width
        guard let box = expanded(group, by: 2).intersection(PixelRect(size: image.size)), box.width * box.height <= largestBox else { return false }
        let w = box.width, h = box.height, count = w * h
        // Unknowns in row-major order; index per box pixel (−1: known).
        var index = [Int32](repeating: -1, count: count)
        var cells: [Int] = []
        region.withUnsafeBytes { coverage in
            for y in 0..<h {
                for x in 0..<w where coverage[(y + box.y) * imageWidth + x + box.x] > 0 {
                    index[y * w + x] = Int32(cells.count)
                    cells.append(y * w + x)
                }
            }
        }
        let n = cells.count
        guard n > 0, n < count else { return false }
        /// The 4-neighbours of box pixel i inside the image, into `result` (−1: a neighbour
        /// inside the image but outside the box, which the 2-pixel margin rules out for
        /// the pixels whose Laplacian is used).
        func neighbours(_ i: Int, into result: inout [Int]) {
            let x = i % w, y = i / w
            result.removeAll(keepingCapacity: true)
            if x > 0 { result.append(i - 1) } else if box.x > 0 { result.append(-1) }
            if x + 1 < w { result.append(i + 1) } else if box.maxX < image.width { result.append(-1) }
            if y > 0 { result.append(i - w) } else if box.y > 0 { result.append(-1) }
            if y + 1 < h { result.append(i + w) } else if box.maxY < image.height { result.append(-1) }
        }
        var around: [Int] = []
        around.reserveCapacity(4)
        // Rows: the box pixels whose Laplacian reaches an unknown (each unknown and its
        // neighbours).
        var isRow = [Bool](repeating: false, count: count)
        for cell in cells {
            isRow[cell] = true
            neighbours(cell, into: &around)
            for j in around where j >= 0 { isRow[j] = true }
        }
        // Bandwidth of the normal matrix: the widest index gap between two unknowns in one
        // row's stencil. Checked against the limits before the matrix is built.
        var bandwidth = 0
        for row in 0..<count where isRow[row] {
            neighbours(row, into: &around)
            guard !around.contains(-1) else { return false }
            var low = index[row] >= 0 ? Int(index[row]) : Int.max, high = Int(index[row])
            for j in around where index[j] >= 0 { low = min(low, Int(index[j])); high = max(high, Int(index[j])) }
            if high >= 0 { bandwidth = max(bandwidth, high - low) }
        }
        let band = bandwidth + 1
        guard Double(n) * Double(band) * Double(band) <= Double(workLimit), n * band <= largestMatrix else { return false }
        // Normal equations AᵀA x = −Aᵀ(L u_known), A's rows the Laplacians at the rows.
        // Band storage: matrix[i * band + (i − j)] for j ≤ i.
        var matrix = [Double](repeating: 0, count: n * band)
        var rhs = [SIMD4<Double>](repeating: .zero, count: n)
        var hasKnown = false
        var members: [(unknown: Int, weight: Double)] = []
        members.reserveCapacity(5)
        image.withUnsafeBytes { pixels in
            /// The RGB of box pixel i.
            func value(_ i: Int) -> SIMD4<Double> {
                let p = (i / w + box.y) * image.bytesPerRow + (i % w + box.x) * 4
                return SIMD4(Double(pixels[p]), Double(pixels[p + 1]), Double(pixels[p + 2]), 0)
            }
            for row in 0..<count where isRow[row] {
                neighbours(row, into: &around)
                // L at this row from the known pixels alone: −deg·u(row) + Σ u(neighbours).
                var knownPart = SIMD4<Double>.zero
                members.removeAll(keepingCapacity: true)
                if index[row] >= 0 { members.append((Int(index[row]), -Double(around.count))) } else { knownPart -= value(row) * Double(around.count); hasKnown = true }
                for j in around {
                    if index[j] >= 0 { members.append((Int(index[j]), 1)) } else { knownPart += value(j); hasKnown = true }
                }
                for a in members {
                    rhs[a.unknown] -= knownPart * a.weight
                    for b in members where b.unknown <= a.unknown {
                        matrix[a.unknown * band + (a.unknown - b.unknown)] += a.weight * b.weight
                    }
                }
            }
        }
        guard hasKnown, choleskyInPlace(&matrix, n: n, band: band) else { return false }
        // Forward (L y = b) and back (Lᵀ x = y) substitution.
        var x = rhs
        for i in 0..<n {
            var sum = x[i]
            for k in max(0, i - bandwidth)..<i { sum -= matrix[i * band + (i - k)] * x[k] }
            x[i] = sum / matrix[i * band]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = x[i]
            for k in (i + 1)..<min(n, i + band) { sum -= matrix[k * band + (k - i)] * x[k] }
            x[i] = sum / matrix[i * band]
        }
        // The membrane's values at the unknowns, read before the image is written.
        var mix = [SIMD4<Double>](repeating: .zero, count: membrane == nil ? 0 : n)
        membrane?.withUnsafeBytes { pixels in
            for (u, cell) in cells.enumerated() {
                let p = (cell / w + box.y) * membrane!.bytesPerRow + (cell % w + box.x) * 4
                mix[u] = SIMD4(Double(pixels[p]), Double(pixels[p + 1]), Double(pixels[p + 2]), 0)
            }
        }
        let stride = image.bytesPerRow
        image.withUnsafeMutableBytes { pixels in
            for (u, cell) in cells.enumerated() {
                let p = (cell / w + box.y) * stride + (cell % w + box.x) * 4
                let value = mix.isEmpty ? x[u] : (1 - weight) * x[u] + weight * mix[u]
                for c in 0..<3 { pixels[p + c] = UInt8(max(0, min(255, value[c].rounded()))) }
            }
        }
        return true
    }

    /// Cholesky factorisation A = LLᵀ in place of the lower band of a symmetric positive
    /// definite band matrix (entry (i, j), j ≤ i, at i·band + i − j). False when a pivot
    /// is not positive.
    static func choleskyInPlace(_ a: inout [Double], n: Int, band: Int) -> Bool {
        let bandwidth = band - 1
        return a.withUnsafeMutableBufferPointer { a in
            for i in 0..<n {
                let low = max(0, i - bandwidth)
                for j in low...i {
                    var sum = a[i * band + (i - j)]
                    let start = max(low, j - bandwidth)
                    var k = start
                    while k < j {
                        sum -= a[i * band + (i - k)] * a[j * band + (j - k)]
                        k += 1
                    }
                    if i == j {
                        guard sum > 0 else { return false }
                        a[i * band] = sum.squareRoot()
                    } else {
                        a[i * band + (i - j)] = sum / a[j * band]
                    }
                }
            }
            return true
        }
    }
}
