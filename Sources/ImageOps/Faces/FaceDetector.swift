public import ImageCore

/// Viola–Jones detection with a `FaceCascade`, the way OpenCV's
/// `CascadeClassifier.detectMultiScale` does it: grey image, a pyramid of scales 1.1
/// apart, the window slid 2 pixels at a time (1 once the scale passes 2), each window's
/// features normalised by its standard deviation (over the window without its 1-pixel
/// border), stages of boosted trees, and the hits grouped (`minNeighbors` 3, overlap
/// tolerance 0.2). The image is first shrunk to at most 480 pixels on the long edge, so
/// faces smaller than about 1/20 of the long edge are not found.
public enum FaceDetector {
    /// Face rectangles in `image`'s pixels, largest first.
    public static func detect(_ image: PixelBuffer, cascade: FaceCascade, minNeighbors: Int = 3) -> [PixelRect] {
        let (grey, width, height, shrink) = greyPlane(image, longEdge: 480)
        var hits: [(x: Double, y: Double, size: Double)] = []
        var scale = 1.0
        while Double(cascade.windowWidth) * scale <= Double(width) && Double(cascade.windowHeight) * scale <= Double(height) {
            let w = Int(Double(width) / scale), h = Int(Double(height) / scale)
            guard w >= cascade.windowWidth && h >= cascade.windowHeight else { break }
            let level = scale == 1 ? grey : resample(grey, width: width, height: height, to: w, h)
            let (sum, squares) = integrals(level, width: w, height: h)
            let step = scale > 2 ? 1 : 2
            let layout = FeatureLayout(cascade, stride: w + 1)
            withFlat(layout) { flat in
                sum.withUnsafeBufferPointer { sum in
                    squares.withUnsafeBufferPointer { squares in
                        for y in stride(from: 0, through: h - cascade.windowHeight, by: step) {
                            for x in stride(from: 0, through: w - cascade.windowWidth, by: step)
                            where passes(flat, sum.baseAddress!, squares.baseAddress!, origin: y * (w + 1) + x) {
                                hits.append((Double(x) * scale, Double(y) * scale, Double(cascade.windowWidth) * scale))
                            }
                        }
                    }
                }
            }
            scale *= 1.1
        }
        return group(hits, minNeighbors: minNeighbors, ratio: Double(cascade.windowHeight) / Double(cascade.windowWidth)).map {
            PixelRect(x: Int(($0.x * shrink).rounded()), y: Int(($0.y * shrink).rounded()),
                      width: Int(($0.size * shrink).rounded()), height: Int(($0.size * shrink * Double(cascade.windowHeight) / Double(cascade.windowWidth)).rounded()))
        }
    }

    /// Each feature's rectangles as four corner offsets into a summed-area table of
    /// row length `stride`, relative to the window's origin (OpenCV's layout).
    struct FeatureLayout {
        /// Per rectangle: top-left, top-right, bottom-left, bottom-right.
        var corners: [Int] = []
        var weights: [Double] = []
        /// Rectangles of feature k: `first[k]..<first[k + 1]`.
        var first: [Int] = [0]
        /// The window without its 1-pixel border (where the deviation is measured).
        var inner: (Int, Int, Int, Int)
        var innerArea: Double
        /// The cascade flattened: stage k's trees are `stageFirst[k]..<stageFirst[k + 1]`,
        /// tree t's nodes start at `nodeFirst[t]` and its leaves at `leafFirst[t]`.
        var stageThresholds: [Double] = [], stageFirst: [Int] = [0]
        var nodeFirst: [Int] = [], leafFirst: [Int] = [], nodeCount: [Int] = []
        var nodes: [FaceCascade.Node] = [], leaves: [Double] = []

        init(_ cascade: FaceCascade, stride: Int) {
            for stage in cascade.stages {
                stageThresholds.append(stage.threshold)
                for weak in stage.weaks {
                    nodeFirst.append(nodes.count); leafFirst.append(leaves.count); nodeCount.append(weak.nodes.count)
                    nodes += weak.nodes; leaves += weak.leaves
                }
                stageFirst.append(nodeFirst.count)
            }
            func corners(_ x: Int, _ y: Int, _ w: Int, _ h: Int) -> [Int] {
                [y * stride + x, y * stride + x + w, (y + h) * stride + x, (y + h) * stride + x + w]
            }
            for feature in cascade.features {
                for r in feature {
                    self.corners += corners(r.x, r.y, r.width, r.height)
                    weights.append(r.weight)
                }
                first.append(weights.count)
            }
            let c = corners(1, 1, cascade.windowWidth - 2, cascade.windowHeight - 2)
            inner = (c[0], c[1], c[2], c[3])
            innerArea = Double((cascade.windowWidth - 2) * (cascade.windowHeight - 2))
        }
    }

    /// Whether the window whose top-left corner is `origin` in the tables passes every stage.
    static func passes(_ l: Flat, _ sum: UnsafePointer<Double>, _ squares: UnsafePointer<Double>, origin: Int) -> Bool {
        let (a, b, c, d) = l.inner
        let s = sum[origin + d] - sum[origin + b] - sum[origin + c] + sum[origin + a]
        let sq = squares[origin + d] - squares[origin + b] - squares[origin + c] + squares[origin + a]
        let variance = l.innerArea * sq - s * s
        let norm = variance > 0 ? variance.squareRoot() : 1
        for stage in 0..<l.stageCount {
            var total = 0.0
            for tree in l.stageFirst[stage]..<l.stageFirst[stage + 1] {
                let nodes = l.nodes + l.nodeFirst[tree], count = l.nodeCount[tree]
                var node = 0, steps = 0
                while steps <= count {
                    let n = nodes[node]
                    var value = 0.0
                    for r in l.first[n.feature]..<l.first[n.feature + 1] {
                        let k = 4 * r
                        value += l.weights[r] * (sum[origin + l.corners[k + 3]] - sum[origin + l.corners[k + 1]] - sum[origin + l.corners[k + 2]] + sum[origin + l.corners[k]])
                    }
                    let next = value < n.threshold * norm ? n.left : n.right
                    if next <= 0 { total += l.leaves[l.leafFirst[tree] - next]; break }
                    node = next
                    steps += 1
                }
            }
            if total < l.stageThresholds[stage] { return false }
        }
        return true
    }

    /// `FeatureLayout` as pointers, for the window loop (valid inside `withFlat`).
    struct Flat {
        var corners: UnsafePointer<Int>, weights: UnsafePointer<Double>, first: UnsafePointer<Int>
        var inner: (Int, Int, Int, Int), innerArea: Double
        var stageThresholds: UnsafePointer<Double>, stageFirst: UnsafePointer<Int>, stageCount: Int
        var nodeFirst: UnsafePointer<Int>, leafFirst: UnsafePointer<Int>, nodeCount: UnsafePointer<Int>
        var nodes: UnsafePointer<FaceCascade.Node>, leaves: UnsafePointer<Double>
    }

    static func withFlat<R>(_ l: FeatureLayout, _ body: (Flat) -> R) -> R {
        l.corners.withUnsafeBufferPointer { corners in l.weights.withUnsafeBufferPointer { weights in l.first.withUnsafeBufferPointer { first in
            l.stageThresholds.withUnsafeBufferPointer { thresholds in l.stageFirst.withUnsafeBufferPointer { stageFirst in
                l.nodeFirst.withUnsafeBufferPointer { nodeFirst in l.leafFirst.withUnsafeBufferPointer { leafFirst in
                    l.nodeCount.withUnsafeBufferPointer { nodeCount in l.nodes.withUnsafeBufferPointer { nodes in l.leaves.withUnsafeBufferPointer { leaves in
                        body(Flat(corners: corners.baseAddress!, weights: weights.baseAddress!, first: first.baseAddress!, inner: l.inner, innerArea: l.innerArea,
                                  stageThresholds: thresholds.baseAddress!, stageFirst: stageFirst.baseAddress!, stageCount: l.stageThresholds.count,
                                  nodeFirst: nodeFirst.baseAddress!, leafFirst: leafFirst.baseAddress!, nodeCount: nodeCount.baseAddress!,
                                  nodes: nodes.baseAddress!, leaves: leaves.baseAddress!))
                    } } }
                } }
            } }
        } } }
    }

    /// Luma (BT.601) of `image` box-averaged so the long edge is at most `longEdge`;
    /// returns the plane, its size and the factor back to `image`'s pixels.
    static func greyPlane(_ image: PixelBuffer, longEdge: Int) -> ([Double], Int, Int, Double) {
        let rgba = image.converted(to: .rgba8)
        let factor = max(1, Int((Double(max(image.width, image.height)) / Double(longEdge)).rounded(.up)))
        let width = max(1, image.width / factor), height = max(1, image.height / factor)
        var grey = [Double](repeating: 0, count: width * height)
        rgba.withUnsafeBytes { bytes in
            for y in 0..<(height * factor) {
                for x in 0..<(width * factor) {
                    let i = y * rgba.bytesPerRow + 4 * x
                    grey[(y / factor) * width + x / factor] += 0.299 * Double(bytes[i]) + 0.587 * Double(bytes[i + 1]) + 0.114 * Double(bytes[i + 2])
                }
            }
        }
        let cellArea = Double(factor * factor)
        for i in grey.indices { grey[i] /= cellArea }
        return (grey, width, height, Double(factor))
    }

    /// Bilinear resample of a plane (pixel centres aligned, as OpenCV's INTER_LINEAR).
    static func resample(_ plane: [Double], width: Int, height: Int, to w: Int, _ h: Int) -> [Double] {
        var out = [Double](repeating: 0, count: w * h)
        let sx = Double(width) / Double(w), sy = Double(height) / Double(h)
        for y in 0..<h {
            let fy = max(0, (Double(y) + 0.5) * sy - 0.5), y0 = min(height - 1, Int(fy)), y1 = min(height - 1, y0 + 1), ty = fy - Double(y0)
            for x in 0..<w {
                let fx = max(0, (Double(x) + 0.5) * sx - 0.5), x0 = min(width - 1, Int(fx)), x1 = min(width - 1, x0 + 1), tx = fx - Double(x0)
                let top = plane[y0 * width + x0] * (1 - tx) + plane[y0 * width + x1] * tx
                let bottom = plane[y1 * width + x0] * (1 - tx) + plane[y1 * width + x1] * tx
                out[y * w + x] = top * (1 - ty) + bottom * ty
            }
        }
        return out
    }

    /// Summed-area tables of the values and of their squares, (w + 1) × (h + 1).
    static func integrals(_ plane: [Double], width: Int, height: Int) -> ([Double], [Double]) {
        let stride = width + 1
        var sum = [Double](repeating: 0, count: stride * (height + 1)), squares = sum
        for y in 0..<height {
            var row = 0.0, rowSquares = 0.0
            for x in 0..<width {
                let v = plane[y * width + x]
                row += v; rowSquares += v * v
                sum[(y + 1) * stride + x + 1] = sum[y * stride + x + 1] + row
                squares[(y + 1) * stride + x + 1] = squares[y * stride + x + 1] + rowSquares
            }
        }
        return (sum, squares)
    }

    /// OpenCV's `groupRectangles`: hits whose positions and sizes agree within 0.2 of
    /// their size are one cluster; clusters with more than `minNeighbors` hits give their
    /// mean; a cluster inside a stronger one is dropped.
    static func group(_ hits: [(x: Double, y: Double, size: Double)], minNeighbors: Int, ratio: Double) -> [(x: Double, y: Double, size: Double)] {
        var cluster = [Int](repeating: -1, count: hits.count)
        var clusters = 0
        for i in hits.indices where cluster[i] < 0 {
            cluster[i] = clusters
            var queue = [i]
            while let a = queue.popLast() {
                for b in hits.indices where cluster[b] < 0 {
                    let delta = 0.2 * (min(hits[a].size, hits[b].size) * (1 + ratio)) * 0.5
                    if abs(hits[a].x - hits[b].x) <= delta && abs(hits[a].y - hits[b].y) <= delta
                        && abs(hits[a].x + hits[a].size - hits[b].x - hits[b].size) <= delta
                        && abs(hits[a].y + hits[a].size * ratio - hits[b].y - hits[b].size * ratio) <= delta {
                        cluster[b] = cluster[a]
                        queue.append(b)
                    }
                }
            }
            clusters += 1
        }
        var groups: [(x: Double, y: Double, size: Double, count: Int)] = Array(repeating: (0, 0, 0, 0), count: clusters)
        for (i, hit) in hits.enumerated() {
            let c = cluster[i]
            groups[c] = (groups[c].x + hit.x, groups[c].y + hit.y, groups[c].size + hit.size, groups[c].count + 1)
        }
        let kept = groups.filter { $0.count > minNeighbors }.map { (x: $0.x / Double($0.count), y: $0.y / Double($0.count), size: $0.size / Double($0.count), count: $0.count) }
        // Drop a face inside a larger, better-supported one.
        let result = kept.filter { inner in
            !kept.contains { outer in
                outer.size > inner.size && outer.count >= inner.count && inner.x >= outer.x - 0.2 * outer.size && inner.y >= outer.y - 0.2 * outer.size
                    && inner.x + inner.size <= outer.x + 1.2 * outer.size && inner.y + inner.size <= outer.y + 1.2 * outer.size
            }
        }
        return result.sorted { $0.size > $1.size }.map { (x: $0.x, y: $0.y, size: $0.size) }
    }
}
