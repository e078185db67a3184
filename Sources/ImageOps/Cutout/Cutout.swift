public import ImageCore

/// A subject on a plain studio backdrop → the subject with a real alpha channel.
///
/// 1. Model the backdrop from the border ring (`BackdropModel`): flat or a smooth
///    gradient, with its noise; the tolerance is 4 noise σ, at least 3 levels (8 for lossy
///    input), at most 40.
/// 2. Background = pixels within the tolerance connected to the border. Everything not
///    reached is foreground, so white parts inside a white product stay opaque.
/// 3. Enclosed regions within the tolerance (ring holes, letter counters, mesh cells) are
///    removed when they are large enough, as flat as the border, fenced by a real edge,
///    and a minority of the subject around them (a white product's body is most of it;
///    `CutoutOptions.Holes`).
/// 4. Shadows: pixels connected to the background that are darker than the backdrop by
///    a nearly channel-constant, smoothly varying factor become black at alpha 1 − factor
///    (or transparent with `.drop`). A product's grey outline is not smooth, so a shadow
///    never grows into it.
/// 5. Soft edges: in a 2-pixel band at the boundary (3 for lossy input), alpha is solved from
///    x = αF + (1 − α)B with B the local backdrop and F the nearby confident foreground,
///    and the colour is decontaminated: F̂ = B + (x − B)/α, blended toward F where α is
///    small. Output is straight-alpha RGBA8.
public enum Cutout {
    /// Largest colour tolerance (8-bit RGB distance), whatever the border noise.
    public static let maximumTolerance = 40.0
    /// Border noise above which the image is reported as not a plain backdrop.
    public static let noisyBorder = 10.0

    public static func apply(_ image: PixelBuffer, options: CutoutOptions = CutoutOptions()) -> (image: PixelBuffer, report: CutoutReport) {
        let white = RGB8(red: 255, green: 255, blue: 255)
        let rgb = (image.format.layout.hasAlpha ? image.converted(to: .rgba8).composited(over: white) : image).converted(to: .rgb8)
        let w = rgb.width, h = rgb.height, n = w * h
        let model = BackdropModel(fitting: rgb, fixed: options.background)
        let tolerance = min(max(4 * model.noise, options.lossyInput ? 8 : 3), maximumTolerance)
        // Pixels stay packed RGB bytes; the backdrop is evaluated where needed (a constant
        // when flat), so a 2048² image costs bytes, not 16-byte vectors, per pixel.
        let bytes: [UInt8] = rgb.isPacked ? rgb.withUnsafeBytes { Array($0.prefix(n * 3)) } : (0..<h).flatMap { Array(rgb.row($0)) }
        let flatColour = model.colour(0, 0)
        @inline(__always) func pixel(_ k: Int) -> SIMD3<Float> {
            SIMD3(Float(bytes[3 * k]), Float(bytes[3 * k + 1]), Float(bytes[3 * k + 2]))
        }
        @inline(__always) func backdrop(_ k: Int) -> SIMD3<Float> {
            let c = model.isFlat ? flatColour : model.colour(k % w, k / w)
            return SIMD3(Float(c.x), Float(c.y), Float(c.z))
        }
        var distance = [Float](repeating: 0, count: n)
        for k in 0..<n {
            let d = pixel(k) - backdrop(k)
            distance[k] = (d * d).sum().squareRoot()
        }
        let near = distance.map { Double($0) <= tolerance }

        // 2. Background: near pixels connected to the border.
        enum Label: UInt8 { case foreground, background, shadow }
        var label = [Label](repeating: .foreground, count: n)
        var queue: [Int] = []
        queue.reserveCapacity(n / 4)
        func seed(_ k: Int) { if near[k] && label[k] == .foreground { label[k] = .background; queue.append(k) } }
        for x in 0..<w { seed(x); seed((h - 1) * w + x) }
        for y in 0..<h { seed(y * w); seed(y * w + w - 1) }
        flood(&queue, width: w, height: h) { k in
            guard near[k], label[k] == .foreground else { return false }
            label[k] = .background
            return true
        }

        // Speckles: weak foreground (outside the tolerance, under 3 tolerances) with no
        // clear edge (4 tolerances) within 3 px but one within 10 px, reached from the
        // background: ringing and noise beside an edge, not subject. (A pale object has no
        // clear edge at all, so it stays.)
        var speckle = [Bool](repeating: false, count: n)
        let weak = (0..<n).filter { label[$0] == .foreground && !near[$0] && Double(distance[$0]) < 3 * tolerance }
        if !weak.isEmpty {
            let strongEdge = distance.map { Double($0) >= 4 * tolerance ? Float(1) : 0 }
            let strongWithin3 = MaxFilter.apply(strongEdge, width: w, height: h, radius: 3)
            let strongWithin10 = MaxFilter.apply(strongEdge, width: w, height: h, radius: 10)
            for k in weak { speckle[k] = strongWithin3[k] == 0 && strongWithin10[k] > 0 }
        }
        func clearSpeckles() {
            queue.removeAll(keepingCapacity: true)
            for k in 0..<n where label[k] == .background { queue.append(k) }
            flood(&queue, width: w, height: h) { k in
                guard speckle[k], label[k] == .foreground else { return false }
                label[k] = .background
                return true
            }
        }
        clearSpeckles()

        // 4. Shadows: darker than the backdrop by a channel-constant, smooth factor.
        var factor = [Float](repeating: 1, count: n)
        for k in 0..<n where label[k] == .foreground {
            let r = pixel(k) / pointwiseMax(backdrop(k), SIMD3(repeating: 1))
            let mean: Float = r.sum() / 3
            let spread: Float = r.max() - r.min()
            let allowed: Float = 0.05 + 0.1 * (1 - mean)
            if mean > 0.2 && mean < (options.lossyInput ? 0.98 : 0.998) && spread < allowed { factor[k] = mean }
        }
        // A flat, bright, slightly-darker area is a white product's surface, not a shadow
        // (shadows fade): no candidate where the factor stays within 0.004 over 5×5.
        if factor.contains(where: { $0 < 1 && $0 > 0.9 }) {
            let darkest = MaxFilter.apply(factor.map { -$0 }, width: w, height: h, radius: 2)     // −min
            let brightest = MaxFilter.apply(factor, width: w, height: h, radius: 2)
            for k in 0..<n where factor[k] < 1 && factor[k] > 0.9 && brightest[k] - (-darkest[k]) < 0.004 { factor[k] = 1 }
        }
        // Smooth: every 4-neighbour within 0.06 of the factor, and the factor within 0.012
        // of their mean (a ramp passes, texture and outlines do not).
        func smooth(_ k: Int) -> Bool {
            let x = k % w, y = k / w
            guard factor[k] < 1 else { return false }
            var total: Float = 0, count: Float = 0
            for (dx, dy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                let nx = x + dx, ny = y + dy
                guard nx >= 0, nx < w, ny >= 0, ny < h else { continue }
                let j = ny * w + nx
                let other = label[j] == .background ? Float(1) : factor[j]
                if abs(other - factor[k]) > 0.06 { return false }
                total += other; count += 1
            }
            return count == 0 || abs(total / count - factor[k]) <= 0.012
        }
        var shadowCount = 0
        queue.removeAll(keepingCapacity: true)
        for k in 0..<n where label[k] == .background {
            let x = k % w, y = k / w
            for (dx, dy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                let nx = x + dx, ny = y + dy
                guard nx >= 0, nx < w, ny >= 0, ny < h else { continue }
                let j = ny * w + nx
                if label[j] == .foreground && smooth(j) { label[j] = .shadow; queue.append(j); shadowCount += 1 }
            }
        }
        flood(&queue, width: w, height: h) { k in
            guard label[k] == .foreground, smooth(k) else { return false }
            label[k] = .shadow
            shadowCount += 1
            return true
        }
        // A shadow is an area, not a fringe: small shadow components (JPEG ringing, edge
        // pixels) go back to the foreground, where the edge unmixing handles them.
        if shadowCount > 0 {
            var seen = [Bool](repeating: false, count: n)
            let minimum = max(64, n / 2000)
            for start in 0..<n where label[start] == .shadow && !seen[start] {
                let component = collect(start, width: w, height: h, seen: &seen) { label[$0] == .shadow }
                if component.count < minimum {
                    for k in component { label[k] = .foreground }
                    shadowCount -= component.count
                }
            }
        }

        // 3. Holes: enclosed near regions.
        var holesRemoved = 0
        if options.holes != .keep {
            var seen = [Bool](repeating: false, count: n)
            let minimum = max(9, n / 200_000)
            for start in 0..<n where near[start] && label[start] == .foreground && !seen[start] {
                let component = collect(start, width: w, height: h, seen: &seen) { near[$0] && label[$0] == .foreground }
                guard component.count >= minimum else { continue }
                var remove = options.holes == .remove
                if options.holes == .auto {
                    // As flat and as close to the backdrop as the border, behind a real edge.
                    let residuals = component.map { Double(distance[$0]) }
                    let mean = residuals.reduce(0, +) / Double(residuals.count)
                    // The fence: neighbours outside the region; strong where a clear edge (4
                    // tolerances) lies within 3 px (8 for lossy input: JPEG ringing sits between
                    // an edge and the hole). Most of it must be strong.
                    var strong = 0, fenceCount = 0
                    let reach = options.lossyInput ? 8 : 3   // JPEG rings up to a block (8 px) from an edge
                    for k in component {
                        let x = k % w, y = k / w
                        for (dx, dy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                            let nx = x + dx, ny = y + dy
                            guard nx >= 0, nx < w, ny >= 0, ny < h else { continue }
                            let j = ny * w + nx
                            guard !near[j] else { continue }
                            fenceCount += 1
                            var peak: Float = 0
                            for qy in max(0, ny - reach)...min(h - 1, ny + reach) { for qx in max(0, nx - reach)...min(w - 1, nx + reach) { peak = max(peak, distance[qy * w + qx]) } }
                            if Double(peak) >= 4 * tolerance { strong += 1 }
                        }
                    }
                    let fenced = fenceCount > 0 && Double(strong) >= 0.8 * Double(fenceCount)
                    // A hole is a minority of the subject around it (the box of the region,
                    // doubled); a region that is most of it is the product's own body.
                    var minX = w, minY = h, maxX = 0, maxY = 0
                    for k in component { minX = min(minX, k % w); maxX = max(maxX, k % w); minY = min(minY, k / w); maxY = max(maxY, k / w) }
                    let extendX = (maxX - minX + 1) / 2, extendY = (maxY - minY + 1) / 2
                    var around = 0
                    for y in max(0, minY - extendY)...min(h - 1, maxY + extendY) {
                        for x in max(0, minX - extendX)...min(w - 1, maxX + extendX) where !near[y * w + x] { around += 1 }
                    }
                    let share = Double(component.count) / Double(component.count + around)
                    // Lossy input rings near edges: allow a third of the tolerance more.
                    let flat = mean <= 1.5 * model.noise + 1.5 + (options.lossyInput ? tolerance / 3 : 0)
                    remove = flat && fenced && share <= 0.6
                }
                if remove {
                    for k in component { label[k] = .background }
                    holesRemoved += 1
                }
            }
        }

        // Holes removed: the speckles inside them go too.
        if holesRemoved > 0 { clearSpeckles() }
        // Islands: foreground specks of at most 4 pixels, all weak (under 6 tolerances),
        // surrounded by background: compression debris.
        var visited = [Bool](repeating: false, count: n)
        for start in 0..<n where label[start] == .foreground && !visited[start] && Double(distance[start]) < 6 * tolerance {
            var island = [start]
            visited[start] = true
            var head = 0, weak = true, enclosed = true
            while head < island.count && island.count <= 4 {
                let k = island[head]; head += 1
                let x = k % w, y = k / w
                if Double(distance[k]) >= 6 * tolerance { weak = false }
                for (dx, dy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                    let nx = x + dx, ny = y + dy
                    guard nx >= 0, nx < w, ny >= 0, ny < h else { continue }
                    let j = ny * w + nx
                    if label[j] == .foreground { if !visited[j] { visited[j] = true; island.append(j) } } else if label[j] != .background { enclosed = false }
                }
            }
            if island.count <= 4 && weak && enclosed { for k in island { label[k] = .background } }
        }

        // 5. Alpha and colour; soft edges by unmixing in a 2-pixel band.
        var alpha = [Float](repeating: 0, count: n)
        for k in 0..<n { alpha[k] = label[k] == .foreground ? 1 : 0 }
        var band = [Bool](repeating: false, count: n)
        for k in 0..<n where label[k] == .foreground {
            let x = k % w, y = k / w
            // Lossy input: a 3-pixel band (ringing reaches further than anti-aliasing).
            let reach = options.lossyInput ? 3 : 2
            outer: for dy in -reach...reach {
                for dx in -reach...reach {
                    let nx = x + dx, ny = y + dy
                    guard nx >= 0, nx < w, ny >= 0, ny < h else { continue }
                    if label[ny * w + nx] != .foreground { band[k] = true; break outer }
                }
            }
        }
        // Unmixed colours of band pixels, in increasing pixel order (read back with a cursor).
        var bandColour: [(index: Int, colour: SIMD3<Float>)] = []
        for k in 0..<n where band[k] {
            let x = k % w, y = k / w
            // F: the mean of confident foreground within 3 px, else the pixel farthest from B.
            var sum = SIMD3<Float>.zero, count: Float = 0
            var farthest = pixel(k), farthestDistance: Float = distance[k]
            for dy in -3...3 {
                for dx in -3...3 {
                    let nx = x + dx, ny = y + dy
                    guard nx >= 0, nx < w, ny >= 0, ny < h else { continue }
                    let j = ny * w + nx
                    guard label[j] == .foreground else { continue }
                    if !band[j] { sum += pixel(j); count += 1 }
                    if distance[j] > farthestDistance { farthestDistance = distance[j]; farthest = pixel(j) }
                }
            }
            let f = count > 0 ? sum / count : farthest
            let b = backdrop(k), fb = f - b
            let span = (fb * fb).sum()
            guard span.squareRoot() >= Float(8 * tolerance) else { continue }   // F too close to B (a white product): stay opaque
            let a = min(max(((pixel(k) - b) * fb).sum() / span, 0), 1)
            alpha[k] = a
            guard a > 0 else { continue }
            var solved = b + (pixel(k) - b) / a
            solved = solved.clamped(lowerBound: .zero, upperBound: SIMD3(repeating: 255))
            let weight = min(1, a / 0.3)
            bandColour.append((k, solved * weight + f * (1 - weight)))
        }

        // Output: straight alpha; shadows as black at 1 − factor (or dropped).
        var foreground = 0, minX = w, minY = h, maxX = -1, maxY = -1, cursor = 0
        let output = PixelBuffer(width: w, height: h, format: .rgba8) { destination, stride in
            for y in 0..<h {
                for x in 0..<w {
                    let k = y * w + x, o = y * stride + x * 4
                    var a = alpha[k], c = pixel(k)
                    if cursor < bandColour.count && bandColour[cursor].index == k { c = bandColour[cursor].colour; cursor += 1 }
                    if label[k] == .shadow {
                        a = options.shadows == .keep ? 1 - factor[k] : 0
                        c = .zero
                    } else if a > 0 {
                        foreground += 1
                        if a >= 0.5 { minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y) }
                    }
                    if a <= 0 { c = .zero }
                    destination[o] = UInt8(c.x.rounded()); destination[o + 1] = UInt8(c.y.rounded()); destination[o + 2] = UInt8(c.z.rounded())
                    destination[o + 3] = UInt8((min(max(a, 0), 1) * 255).rounded())
                }
            }
        }

        var warnings: [String] = []
        if model.noise > noisyBorder {
            warnings.append("the border varies by \(Int(model.noise.rounded())) levels around any flat colour or gradient: this does not look like a plain studio backdrop")
        }
        if model.borderAgreement < 0.9 {
            warnings.append("only \(Int((model.borderAgreement * 100).rounded())) % of the border fits one backdrop colour or gradient: this may not be a product on a plain backdrop")
        }
        let fraction = Double(foreground) / Double(n)
        if fraction < 0.002 { warnings.append("almost nothing stands out from the backdrop") }
        if fraction > 0.95 { warnings.append("almost everything differs from the backdrop: no plain backdrop found") }
        var edgeTouches = 0
        for x in 0..<w { if label[x] == .foreground { edgeTouches += 1 }; if label[(h - 1) * w + x] == .foreground { edgeTouches += 1 } }
        for y in 0..<h { if label[y * w] == .foreground { edgeTouches += 1 }; if label[y * w + w - 1] == .foreground { edgeTouches += 1 } }
        if Double(edgeTouches) > 0.2 * Double(2 * (w + h)) { warnings.append("the subject touches \(Int(Double(edgeTouches) * 100 / Double(2 * (w + h)))) % of the image border") }

        let report = CutoutReport(
            backdrop: model.meanColour, backdropKind: model.isFlat ? "flat" : "gradient", noise: model.noise,
            lossyInput: options.lossyInput, tolerance: tolerance, foregroundFraction: fraction,
            subjectBox: maxX >= 0 ? PixelRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1) : nil,
            holesRemoved: holesRemoved, shadowPixels: shadowCount, warnings: warnings)
        return (output, report)
    }

    /// The 4-connected component of `start` among pixels where `member` holds, marking
    /// them in `seen`.
    static func collect(_ start: Int, width w: Int, height h: Int, seen: inout [Bool], member: (Int) -> Bool) -> [Int] {
        var component = [start]
        seen[start] = true
        var head = 0
        while head < component.count {
            let k = component[head]; head += 1
            let x = k % w, y = k / w
            for (dx, dy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                let nx = x + dx, ny = y + dy
                guard nx >= 0, nx < w, ny >= 0, ny < h else { continue }
                let j = ny * w + nx
                if !seen[j] && member(j) { seen[j] = true; component.append(j) }
            }
        }
        return component
    }

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
}
