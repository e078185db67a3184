/// 4-connected walks over a row-major pixel grid.
enum PixelGraph {
    /// Flood: takes indices from `queue` (last first: the pending set stays near the
    /// frontier instead of growing with every pixel visited), offers each 4-neighbour to
    /// `visit`, which marks it and returns true to continue from it. The pixels reached
    /// do not depend on the order.
    static func flood(_ queue: inout [Int], width w: Int, height h: Int, visit: (Int) -> Bool) {
        while let k = queue.popLast() {
            let x = k % w, y = k / w
            if x > 0 && visit(k - 1) { queue.append(k - 1) }
            if x + 1 < w && visit(k + 1) { queue.append(k + 1) }
            if y > 0 && visit(k - w) { queue.append(k - w) }
            if y + 1 < h && visit(k + w) { queue.append(k + w) }
        }
    }

    /// Scanline flood: marks every pixel 4-connected to a seed through pixels where
    /// `open` holds (seeds included when open). `open` must be false for a pixel once
    /// `mark` has run on it. One test per pixel and span, instead of four per pixel.
    static func fill(from seeds: [Int], width w: Int, height h: Int, open: (Int) -> Bool, mark: (Int) -> Void) {
        var stack = seeds
        while let seed = stack.popLast() {
            guard open(seed) else { continue }
            let y = seed / w, row = y * w
            var left = seed - row, right = left
            while left > 0 && open(row + left - 1) { left -= 1 }
            while right + 1 < w && open(row + right + 1) { right += 1 }
            for x in left...right { mark(row + x) }
            // One seed per open run in the rows above and below the span.
            for ny in stride(from: y - 1, through: y + 1, by: 2) where ny >= 0 && ny < h {
                let other = ny * w
                var x = left
                while x <= right {
                    if open(other + x) {
                        stack.append(other + x)
                        x += 1
                        while x <= right && open(other + x) { x += 1 }
                    } else {
                        x += 1
                    }
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
