import ImageCore

extension CutoutSegmentation {
    /// What `render` counted.
    struct Rendered {
        var image: PixelBuffer
        /// Pixels with alpha > 0, shadows excluded.
        var foreground: Int
        /// Bounding box of alpha ≥ 0.5, shadows excluded.
        var subjectBox: PixelRect?
    }

    /// The straight-alpha RGBA8 result. Foreground is opaque except in a band at the
    /// boundary (2 px, 3 for lossy input), where alpha comes from x = αF + (1 − α)B (B the
    /// local backdrop, F the mean confident foreground within 3 px, or the pixel farthest
    /// from B) and colour is decontaminated: F̂ = B + (x − B)/α, blended toward F below
    /// α = 0.3. For lossy input, confident pixels are also 8 tolerances off the backdrop
    /// or on a flat surface; without one within 3 px, F is the mean of those within 9 px,
    /// else of the pixels within a tolerance of the farthest (within 3 px, or 9 when none
    /// within 3 is 8 tolerances off the backdrop); and alpha within 2 tolerances of 1
    /// along F − B is 1. Where F is within 8 tolerances of B (a white product) the band
    /// stays opaque, except (lossy input) weak pixels (under 3 `lossyFloor`s from B)
    /// touching the backdrop: these take the clear foreground within 3 px (a dark outline)
    /// as F, or with none, become transparent when under a quarter of the way from B to F.
    /// Shadows are black at 1 − factor, or transparent with `.drop`.
    /// Releases the distance, factor and scratch planes (the last stage).
    mutating func render(shadows: CutoutOptions.Shadows) -> Rendered {
        let w = width, h = height, n = count
        // Shadow alphas as bytes first: the factor and scratch planes go before the band
        // is solved (the peak of a cut-out: pixels, distances, labels, band distances).
        var shadowAlpha: [UInt8] = []
        if shadowCount > 0 && shadows == .keep {
            shadowAlpha = LargeAllocation.array(repeating: 0 as UInt8, count: n)
            for k in 0..<n where label[k] == .shadow { shadowAlpha[k] = UInt8(min(max(1 - shade(k), 0), 1) * 255 + 0.5) }
        }
        factor = []; scratch = []
        // The band: foreground within `reach` (chessboard) of anything else.
        let reach = lossy ? 3 : 2   // ringing reaches further than anti-aliasing
        let apart = label.withUnsafeBufferPointer { l in
            ChebyshevDistance.compute(width: w, height: h, limit: reach) { l[$0] != .foreground }
        }
        @inline(__always) func inBand(_ k: Int) -> Bool { label[k] == .foreground && Int(apart[k]) <= reach }
        // Confident foreground: beyond the band; in lossy input also clearly off the
        // backdrop or on a flat surface (a white body): ringing inside a thick band of
        // debris is neither, and as F it left the debris opaque.
        let clear = Float(8 * tolerance)
        // Ringing, in the codec's units (not the tolerance's: a noisy backdrop's large
        // tolerance already took its ringing, and in its units the rules below took parts
        // of the subject).
        let weak = 3 * Self.lossyFloor
        @inline(__always) func confidentAt(_ j: Int) -> Bool {
            label[j] == .foreground && Int(apart[j]) > reach && (!lossy || distance[j] >= clear || flatSurface(j))
        }
        // Alpha and unmixed colour of band pixels, in increasing pixel order (read back
        // with a cursor); other foreground is opaque, the rest transparent.
        var banded: [(index: Int, alpha: Float, colour: SIMD3<Float>)] = []
        for k in 0..<n where inBand(k) {
            let x = k % w, y = k / w
            var sum = SIMD3<Float>.zero, confident: Float = 0
            var farthest = pixel(k), farthestDistance = distance[k]
            for ny in max(0, y - 3)...min(h - 1, y + 3) {
                for nx in max(0, x - 3)...min(w - 1, x + 3) {
                    let j = ny * w + nx
                    guard label[j] == .foreground else { continue }
                    if confidentAt(j) { sum += pixel(j); confident += 1 }
                    if distance[j] > farthestDistance { farthestDistance = distance[j]; farthest = pixel(j) }
                }
            }
            // The farthest foreground within 9 px, found in the same scan (used below).
            var farthestWide = farthest, farthestWideDistance = farthestDistance
            if confident == 0 && lossy {
                // Compression debris a few pixels off an edge whose own rim the codec
                // smeared (no confident pixel within 3 px): the confident foreground within
                // 9 px (the band and a JPEG block) is its F. Taking the farthest weak rim
                // pixel as F left the debris opaque (F too near the backdrop to solve), a
                // dotted line around the subject.
                for ny in max(0, y - 9)...min(h - 1, y + 9) {
                    for nx in max(0, x - 9)...min(w - 1, x + 9) {
                        let j = ny * w + nx
                        guard label[j] == .foreground else { continue }
                        if confidentAt(j) { sum += pixel(j); confident += 1 }
                        if distance[j] > farthestWideDistance { farthestWideDistance = distance[j]; farthestWide = pixel(j) }
                    }
                }
            }
            if confident == 0 && lossy {
                // A feature thinner than the band (text strokes, wires) in a lossy input: F is
                // the mean of the pixels within a tolerance of the farthest, not the farthest
                // alone (an overshoot of the codec's ringing, which would leave the true
                // colour short of α 1). When nothing within 3 px is clearly off the backdrop
                // (ringing 3–4 px above a thin letter, whose anti-aliased rim is the farthest
                // there), the farthest within 9 px.
                var radius = 3
                if farthestDistance < clear { radius = 9; farthestDistance = farthestWideDistance; farthest = farthestWide }
                for ny in max(0, y - radius)...min(h - 1, y + radius) {
                    for nx in max(0, x - radius)...min(w - 1, x + radius) {
                        let j = ny * w + nx
                        if label[j] == .foreground && Double(distance[j]) >= Double(farthestDistance) - tolerance { sum += pixel(j); confident += 1 }
                    }
                }
            }
            var f = confident > 0 ? sum / confident : farthest
            let b = backdrop(k)
            var fb = f - b
            var span = (fb * fb).sum()
            // A weak pixel touching the backdrop: ringing, when F is a light body.
            let ringing = lossy && apart[k] == 1 && Double(distance[k]) < weak
            if ringing && span.squareRoot() < Float(8 * tolerance) {
                // Ringing just outside the dark outline (or sole) of a light subject: F, the
                // light body beyond the band, is too near the backdrop to solve, so the
                // ringing stayed opaque. A weak pixel touching the backdrop takes the clear
                // foreground within 3 px (the outline) as F. The body inside the outline
                // does not touch the backdrop.
                var outline = SIMD3<Float>.zero, outlines: Float = 0
                for ny in max(0, y - 3)...min(h - 1, y + 3) {
                    for nx in max(0, x - 3)...min(w - 1, x + 3) {
                        let j = ny * w + nx
                        if label[j] == .foreground && distance[j] >= clear { outline += pixel(j); outlines += 1 }
                    }
                }
                if outlines > 0 { f = outline / outlines; fb = f - b; span = (fb * fb).sum() }
            }
            guard span.squareRoot() >= Float(8 * tolerance) else {
                // Unsolvable (a light body): opaque, except a weak pixel touching the
                // backdrop that lies on the backdrop's side of F (under a quarter of the way
                // to F: ringing beside pale text or a light body at least 3 `lossyFloor`s
                // off the backdrop; nearer than that, noise decides the side).
                if ringing && span.squareRoot() >= Float(weak) && ((pixel(k) - b) * fb).sum() < 0.25 * span { banded.append((k, 0, .zero)) }
                continue
            }
            var a = min(max(((pixel(k) - b) * fb).sum() / span, 0), 1)
            // In a lossy input, within 2 tolerances of F along F − B is F: beside an edge
            // the codec's ringing runs to about twice its noise in flat areas (pale text
            // strokes, all within the band, kept 347 of 1774 pixels under α 0.9 at 1).
            if lossy && (1 - a) * span.squareRoot() <= Float(2 * tolerance) { a = 1 }
            guard a > 0 else { banded.append((k, 0, .zero)); continue }
            let solved = (b + (pixel(k) - b) / a).clamped(lowerBound: .zero, upperBound: SIMD3(repeating: 255))
            let weight = min(1, a / 0.3)
            banded.append((k, a, solved * weight + f * (1 - weight)))
        }

        // The distance plane goes before the output is allocated.
        distance = []
        var foreground = 0, minX = w, minY = h, maxX = -1, maxY = -1, cursor = 0
        let image = PixelBuffer(width: w, height: h, format: .rgba8) { destination, stride in
            bytes.withUnsafeBufferPointer { source in
                for y in 0..<h {
                    var rowForeground = 0, rowMinX = w, rowMaxX = -1
                    for x in 0..<w {
                        let k = y * w + x, o = y * stride + x * 4
                        var a: Float, c: SIMD3<Float>
                        if cursor < banded.count && banded[cursor].index == k {
                            a = banded[cursor].alpha; c = banded[cursor].colour; cursor += 1
                        } else {
                            switch label[k] {
                            case .foreground:
                                // Opaque and untouched: the source bytes.
                                destination[o] = source[3 * k]; destination[o + 1] = source[3 * k + 1]; destination[o + 2] = source[3 * k + 2]
                                destination[o + 3] = 255
                                rowForeground += 1; rowMinX = min(rowMinX, x); rowMaxX = x
                                continue
                            case .background:
                                destination[o] = 0; destination[o + 1] = 0; destination[o + 2] = 0; destination[o + 3] = 0
                                continue
                            case .shadow:
                                destination[o] = 0; destination[o + 1] = 0; destination[o + 2] = 0
                                destination[o + 3] = shadowAlpha.isEmpty ? 0 : shadowAlpha[k]
                                continue
                            }
                        }
                        if a > 0 {
                            rowForeground += 1
                            if a >= 0.5 { rowMinX = min(rowMinX, x); rowMaxX = max(rowMaxX, x) }
                        }
                        if a <= 0 { c = .zero }
                        // Round half up (values ≥ 0): what rounded() gives here, without a libm call.
                        destination[o] = UInt8(c.x + 0.5); destination[o + 1] = UInt8(c.y + 0.5); destination[o + 2] = UInt8(c.z + 0.5)
                        destination[o + 3] = UInt8(min(max(a, 0), 1) * 255 + 0.5)
                    }
                    foreground += rowForeground
                    if rowMaxX >= 0 { minX = min(minX, rowMinX); maxX = max(maxX, rowMaxX); minY = min(minY, y); maxY = y }
                }
            }
        }
        return Rendered(image: image, foreground: foreground,
                        subjectBox: maxX >= 0 ? PixelRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1) : nil)
    }

    /// Border pixels left as foreground (the subject touching the image edge).
    var foregroundOnBorder: Int {
        let w = width, h = height
        var touches = 0
        for x in 0..<w { touches += (label[x] == .foreground ? 1 : 0) + (label[(h - 1) * w + x] == .foreground ? 1 : 0) }
        for y in 0..<h { touches += (label[y * w] == .foreground ? 1 : 0) + (label[y * w + w - 1] == .foreground ? 1 : 0) }
        return touches
    }
}
