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
