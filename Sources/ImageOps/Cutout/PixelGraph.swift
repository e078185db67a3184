/// 4-connected walks over a row-major pixel grid.
enum PixelGraph {
    /// Flood: from the pixels in `queue` (already marked), offers 4-neighbours to `visit`,
    /// which marks a pixel and returns true to continue from it (false: not part of the
    /// fill, or marked already). Scanline order: each pixel's row run is grown left and
    /// right, then the rows above and below are scanned along it, so most pixels are
    /// offered once or twice rather than by each of their four neighbours. The pixels
    /// reached do not depend on the order.
    static func flood(_ queue: inout [Int], width w: Int, height h: Int, visit: (Int) -> Bool) {
        var spans: [(y: Int, x0: Int, x1: Int)] = []
        /// The run through (x, y), whose pixel is marked: grown both ways and queued.
        func run(_ x: Int, _ y: Int) -> Int {
            let row = y * w
            var left = x, right = x
            while left > 0 && visit(row + left - 1) { left -= 1 }
            while right + 1 < w && visit(row + right + 1) { right += 1 }
            spans.append((y, left, right))
            return right
        }
        for k in queue { _ = run(k % w, k / w) }
        queue.removeAll(keepingCapacity: true)
        while let (y, x0, x1) = spans.popLast() {
            for ny in stride(from: y - 1, through: y + 1, by: 2) where ny >= 0 && ny < h {
                var x = x0
                while x <= x1 {
                    x = visit(ny * w + x) ? run(x, ny) + 2 : x + 1
                }
            }
        }
    }

    /// The component of `start` among pixels where `member` holds, marking them in `seen`.
    static func collect(_ start: Int, width w: Int, height h: Int, seen: inout [Bool], member: (Int) -> Bool) -> [Int] {
        var component = [start]
        seen[start] = true
        var head = 0
        while head < component.count {
            let k = component[head]; head += 1
            let x = k % w, y = k / w
            for (dx, dy) in neighbours {
                let nx = x + dx, ny = y + dy
                guard nx >= 0, nx < w, ny >= 0, ny < h else { continue }
                let j = ny * w + nx
                if !seen[j] && member(j) { seen[j] = true; component.append(j) }
            }
        }
        return component
    }

    /// The four neighbour offsets.
    static let neighbours = [(1, 0), (-1, 0), (0, 1), (0, -1)]
}
