import ImageCore

/// The working state of one cut-out: the pixels, the backdrop model, each pixel's
/// distance from it and its label. The stages are methods, run in order by `Cutout`.
struct CutoutSegmentation {
    enum Label: UInt8 { case foreground, background, shadow }

    let width: Int
    let height: Int
    let count: Int
    let model: BackdropModel
    let lossy: Bool
    /// Colour distance (8-bit RGB) under which a pixel matches the backdrop.
    let tolerance: Double
    /// Packed RGB bytes.
    let bytes: [UInt8]
    private let flatColour: SIMD3<Double>
    /// Distance of each pixel from the backdrop model.
    var distance: [Float]
    var label: [Label]
    /// Shadow darkening factor (pixel ÷ backdrop) of shadow candidates in 1/65535 steps
    /// (`shade(_:)`); `noShade` (1) elsewhere. Allocated by `findShadows`: planes are
    /// allocated when needed and released as soon as they are not.
    var factor: [UInt16] = []
    static let noShade = UInt16.max
    /// Weak foreground beside an edge (compression ringing), joined to the background
    /// where reached from it.
    var speckles: Set<Int> = []
    /// A reusable visited-plane for component walks (empty while lent out).
    var scratch: [Bool] = []
    var shadowCount = 0
    var holesRemoved = 0

    /// The smallest tolerance for lossy input (8-bit RGB distance): JPEG q85's noise about
    /// a flat backdrop.
    static let lossyFloor = 8.0

    init(_ rgb: PixelBuffer, options: CutoutOptions) {
        width = rgb.width
        height = rgb.height
        count = width * height
        model = BackdropModel(fitting: rgb, fixed: options.background)
        lossy = options.lossyInput
        tolerance = min(max(4 * model.noise, options.lossyInput ? Self.lossyFloor : 3), Cutout.maximumTolerance)
        // Pixels stay packed RGB bytes; the backdrop is evaluated where needed (a constant
        // when flat), so a 2048² image costs bytes, not 16-byte vectors, per pixel.
        let n = count, w = width
        let packed = rgb.packedBytes
        let flat = model.colour(0, 0), model = model
        var distances = LargeAllocation.array(repeating: 0 as Float, count: n)
        if model.isFlat {
            // Squared channel differences from a table per channel (256 entries each).
            let squares = (0..<3).map { channel in (0...255).map { v in let d = Double(v) - flat[channel]; return d * d } }
            let red = squares[0], green = squares[1], blue = squares[2]
            packed.withUnsafeBufferPointer { p in
                distances.withUnsafeMutableBufferPointer { out in
                    for k in 0..<n { out[k] = Float((red[Int(p[3 * k])] + green[Int(p[3 * k + 1])] + blue[Int(p[3 * k + 2])]).squareRoot()) }
                }
            }
        } else {
            for k in 0..<n {
                let d = SIMD3<Double>(Double(packed[3 * k]), Double(packed[3 * k + 1]), Double(packed[3 * k + 2])) - model.colour(k % w, k / w)
                distances[k] = Float((d * d).sum().squareRoot())
            }
        }
        bytes = packed
        flatColour = flat
        distance = distances
        label = LargeAllocation.array(repeating: .foreground as Label, count: n)
    }

    /// Within the tolerance of the backdrop.
    @inline(__always) func near(_ k: Int) -> Bool { Double(distance[k]) <= tolerance }

    /// The visited-plane, all false, lent out until `returnScratch`.
    mutating func borrowScratch() -> [Bool] {
        var plane = scratch
        scratch = []
        if plane.count != count { plane = LargeAllocation.array(repeating: false, count: count) } else {
            plane.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
        }
        return plane
    }

    mutating func returnScratch(_ plane: [Bool]) { scratch = plane }

    /// Whether a 4-neighbour of pixel k is background.
    func besideBackground(_ k: Int) -> Bool { anyNeighbour(of: k) { label[$0] == .background } }

    /// Whether `test` holds for a 4-neighbour of pixel k (inside the image).
    @inline(__always) func anyNeighbour(of k: Int, _ test: (Int) -> Bool) -> Bool {
        let x = k % width, y = k / width
        return (x > 0 && test(k - 1)) || (x + 1 < width && test(k + 1)) || (y > 0 && test(k - width)) || (y + 1 < height && test(k + width))
    }

    @inline(__always) func pixel(_ k: Int) -> SIMD3<Float> {
        SIMD3(Float(bytes[3 * k]), Float(bytes[3 * k + 1]), Float(bytes[3 * k + 2]))
    }

    @inline(__always) func backdrop(_ k: Int) -> SIMD3<Float> {
        let c = model.isFlat ? flatColour : model.colour(k % width, k / width)
        return SIMD3(Float(c.x), Float(c.y), Float(c.z))
    }

    /// Background: pixels within the tolerance connected to the border.
    mutating func markBackground() {
        let w = width, h = height
        var queue: [Int] = []
        var border: [Int] = []
        for x in 0..<w { border.append(x); border.append((h - 1) * w + x) }
        for y in 0..<h { border.append(y * w); border.append(y * w + w - 1) }
        for k in border where near(k) && label[k] == .foreground {
            label[k] = .background
            queue.append(k)
        }
        PixelGraph.flood(&queue, width: w, height: h) { k in
            guard label[k] == .foreground, near(k) else { return false }
            label[k] = .background
            return true
        }
    }

    /// Speckles: weak foreground (outside the tolerance, under 3 tolerances) with no clear
    /// edge (4 tolerances) within 3 px but one within 10 px, and a pixel within the
    /// tolerance within 2 px: ringing and noise about the backdrop beside an edge, not
    /// subject. A pale object has no clear edge at all, so it stays; a light surface a few
    /// levels beyond the tolerance (a white body beside its outline, a light sole above
    /// its shadow) rings about its own level, not the backdrop's, and is flat away from
    /// the edge (`flatSurface`), so it stays too. Only for lossy input: a lossless one has
    /// no ringing, and its noise is within the tolerance.
    mutating func findSpeckles() {
        let weakLimit = 3 * tolerance, strongLimit = 4 * tolerance
        func weak(_ k: Int) -> Bool {
            let d = Double(distance[k])
            return d < weakLimit && d > tolerance && label[k] == .foreground
        }
        guard (0..<count).contains(where: weak) else { return }
        let edge = distance.withUnsafeBufferPointer { d in
            ChebyshevDistance.compute(width: width, height: height, limit: 10) { Double(d[$0]) >= strongLimit }
        }
        // Few pixels pass the first two tests: the 5×5 look for the backdrop is per pixel.
        func besideBackdrop(_ k: Int) -> Bool {
            let x = k % width, y = k / width
            for ny in max(0, y - 2)...min(height - 1, y + 2) {
                for nx in max(0, x - 2)...min(width - 1, x + 2) where Double(distance[ny * width + nx]) <= tolerance { return true }
            }
            return false
        }
        for k in 0..<count where edge[k] > 3 && edge[k] <= 10 && weak(k) && besideBackdrop(k) && !flatSurface(k) { speckles.insert(k) }
    }

    /// Whether pixel k and its 8 neighbours are within 1.5 levels of one distance from the
    /// backdrop: a surface (a JPEG block without an edge decodes flat), not ringing, which
    /// varies from pixel to pixel. A white product's body a tolerance from the backdrop was
    /// taken for ringing within 10 px of its outline and cleared with it.
    func flatSurface(_ k: Int) -> Bool {
        let x = k % width, y = k / width, own = distance[k]
        for ny in max(0, y - 1)...min(height - 1, y + 1) {
            for nx in max(0, x - 1)...min(width - 1, x + 1) where abs(distance[ny * width + nx] - own) > 1.5 { return false }
        }
        return true
    }

    /// Speckles reached from the background join it.
    mutating func clearSpeckles() {
        joinBackground(from: speckles.sorted()) { segmentation, k in segmentation.label[k] == .foreground && segmentation.speckles.contains(k) }
    }

    /// Pixels where `member` holds that are reached from the background (4-connected)
    /// join it: the walk starts at the `seeds` beside it. `member` must be false for
    /// background pixels.
    mutating func joinBackground(from seeds: some Sequence<Int>, where member: (borrowing CutoutSegmentation, Int) -> Bool) {
        var queue: [Int] = []
        for k in seeds where besideBackground(k) && member(self, k) {
            label[k] = .background
            queue.append(k)
        }
        PixelGraph.flood(&queue, width: width, height: height) { k in
            guard member(self, k) else { return false }
            label[k] = .background
            return true
        }
    }

    /// Ringing pockets (lossy input): foreground under 2 `lossyFloor`s from the backdrop
    /// whose 3×3 mean is within one of it in lightness (the mean of the channels) and
    /// within 1.5 in colour (the rest), reached from the background, joins it. Between
    /// the pieces of a subject every JPEG block holds an edge, so the backdrop there rings
    /// beyond the tolerance and is tinted by the pieces' subsampled colour; the flood did
    /// not reach it, and the pocket stayed opaque. Ringing averages out over 3×3; a light
    /// surface (a sole, a white body) keeps its lightness offset.
    mutating func joinRingingPockets() {
        joinBackground(from: 0..<count) { segmentation, k in segmentation.ringsAboutBackdrop(k) }
    }

    /// Whether pixel k is foreground under 2 `lossyFloor`s from the backdrop whose 3×3
    /// mean is within one of it in lightness and 1.5 in colour (`joinRingingPockets`).
    /// In units of the codec's noise (the lossy tolerance's floor), not the tolerance: a
    /// noisy backdrop's larger tolerance already took its ringing, and in those units it
    /// would take the subject (a saucer on a wooden table went).
    func ringsAboutBackdrop(_ k: Int) -> Bool {
        let unit = Self.lossyFloor
        guard label[k] == .foreground, Double(distance[k]) < 2 * unit else { return false }
        let x = k % width, y = k / width
        var sum = SIMD3<Float>.zero, n: Float = 0
        for ny in max(0, y - 1)...min(height - 1, y + 1) {
            for nx in max(0, x - 1)...min(width - 1, x + 1) { let j = ny * width + nx; sum += pixel(j) - backdrop(j); n += 1 }
        }
        let mean = sum / n
        let grey = mean.sum() / 3, tint = mean - SIMD3(repeating: grey)
        return 3 * grey * grey <= Float(unit * unit) && (tint * tint).sum() <= Float(2.25 * unit * unit)
    }

    /// Islands: foreground specks of at most 4 pixels (16 for lossy input: debris of a
    /// JPEG block), all weak (under 6 tolerances), surrounded by background: compression
    /// debris. A foreground neighbour already walked from another start joins the speck
    /// to a larger area: not an island (a pixel of a white product's body was removed so).
    mutating func removeIslands() {
        let w = width, h = height, limit = lossy ? 16 : 4
        var visited = borrowScratch()
        defer { returnScratch(visited) }
        for start in 0..<count where label[start] == .foreground && !visited[start] && Double(distance[start]) < 6 * tolerance {
            var island = [start]
            visited[start] = true
            var head = 0, weak = true, enclosed = true
            while head < island.count && island.count <= limit {
                let k = island[head]; head += 1
                let x = k % w, y = k / w
                if Double(distance[k]) >= 6 * tolerance { weak = false }
                for (dx, dy) in PixelGraph.neighbours {
                    let nx = x + dx, ny = y + dy
                    guard nx >= 0, nx < w, ny >= 0, ny < h else { continue }
                    let j = ny * w + nx
                    if label[j] == .foreground {
                        if !visited[j] { visited[j] = true; island.append(j) } else if !island.contains(j) { enclosed = false }
                    } else if label[j] != .background {
                        enclosed = false
                    }
                }
            }
            if island.count <= limit && weak && enclosed { for k in island { label[k] = .background } }
        }
    }
}
