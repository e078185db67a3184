/// 4-connected walks over a row-major pixel grid.
enum PixelGraph {
    /// Breadth-first flood: pops indices from `queue`, offers each 4-neighbour to
    /// `visit`, which marks it and returns true to continue from it.
    static func flood(_ queue: inout [Int], width w: Int, height h: Int, visit: (Int) -> Bool) {
        var head = 0
        while head < queue.count {
            let k = queue[head]; head += 1
            let x = k % w, y = k / w
            if x > 0 && visit(k - 1) { queue.append(k - 1) }
            if x + 1 < w && visit(k + 1) { queue.append(k + 1) }
            if y > 0 && visit(k - w) { queue.append(k - w) }
            if y + 1 < h && visit(k + w) { queue.append(k + w) }
        }
        queue.removeAll(keepingCapacity: true)
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
