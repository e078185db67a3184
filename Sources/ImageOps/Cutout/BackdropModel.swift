public import ImageCore

/// The studio backdrop behind a subject, fitted to the image's border ring: per channel
/// a flat colour or a quadratic surface c(x, y) = p0 + p1·u + p2·v + p3·u² + p4·v² + p5·u·v
/// (u, v: coordinates scaled to −1…1), fitted by least squares with robust trimming
/// (three rounds dropping residuals above 3 robust σ). The quadratic is kept only when it
/// lowers the residual noise clearly (gradients, vignettes).
public struct BackdropModel: Sendable {
    /// Coefficients per channel (R, G, B): 1 for flat, 6 for quadratic.
    public let coefficients: [[Double]]
    public let width: Int
    public let height: Int
    /// Robust noise of the border around the model: 1.4826 · median |residual|, in
    /// 8-bit levels (RGB distance).
    public let noise: Double
    /// The fraction of the border ring the model explains (within 3 noise σ + 2 levels).
    public let borderAgreement: Double

    public var isFlat: Bool { coefficients[0].count == 1 }

    /// The backdrop colour at the centre of pixel (x, y), 0…255 per channel.
    @inline(__always)
    public func colour(_ x: Int, _ y: Int) -> SIMD3<Double> {
        Self.evaluate(coefficients, x, y, width, height)
    }

    /// The mean colour, for reports.
    public var meanColour: RGB8 {
        let c = colour(width / 2, height / 2)
        func byte(_ v: Double) -> UInt8 { UInt8(min(max(v.rounded(), 0), 255)) }
        return RGB8(red: byte(c.x), green: byte(c.y), blue: byte(c.z))
    }

    /// Fits the model to the border ring of `image` (RGB8 or RGBA8 over white), or uses
    /// `fixed` as a flat backdrop.
    public init(fitting image: PixelBuffer, fixed: RGB8? = nil) {
        let rgb = image.converted(to: .rgb8)
        let w = rgb.width, h = rgb.height
        width = w; height = h
        let ring = max(2, min(w, h) / 50)
        var samples: [(x: Int, y: Int, c: SIMD3<Double>)] = []
        let step = max(1, (2 * (w + h) * ring) / 40_000)   // at most ~40 000 samples
        var counter = 0
        rgb.withUnsafeBytes { bytes in
            for y in 0..<h {
                // Whole rows in the top and bottom bands, the two side strips elsewhere.
                let spans = y < ring || y >= h - ring ? [0..<w] : [0..<min(ring, w), min(max(w - ring, ring), w)..<w]
                for span in spans {
                    for x in span {
                        counter += 1
                        guard counter % step == 0 else { continue }
                        let i = y * rgb.bytesPerRow + x * 3
                        samples.append((x, y, SIMD3(Double(bytes[i]), Double(bytes[i + 1]), Double(bytes[i + 2]))))
                    }
                }
            }
        }
        if let fixed {
            coefficients = [[Double(fixed.red)], [Double(fixed.green)], [Double(fixed.blue)]]
        } else {
            let flat = Self.fit(samples, width: w, height: h, quadratic: false)
            let quadratic = Self.fit(samples, width: w, height: h, quadratic: true)
            // Prefer flat unless the surface explains the border clearly better.
            coefficients = quadratic.noise < 0.8 * flat.noise - 0.3 ? quadratic.coefficients : flat.coefficients
        }
        let model = (coefficients, w, h)
        let residuals = samples.map { s in Self.distance(s.c, Self.evaluate(model.0, s.x, s.y, w, h)) }
        let sorted = residuals.sorted()
        noise = max(0.5, 1.4826 * (sorted.isEmpty ? 0 : sorted[sorted.count / 2]))
        let limit = 3 * noise + 2
        borderAgreement = residuals.isEmpty ? 0 : Double(residuals.filter { $0 <= limit }.count) / Double(residuals.count)
    }

    static func distance(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
        let d = a - b
        return (d * d).sum().squareRoot()
    }

    static func evaluate(_ coefficients: [[Double]], _ x: Int, _ y: Int, _ w: Int, _ h: Int) -> SIMD3<Double> {
        if coefficients[0].count == 1 { return SIMD3(coefficients[0][0], coefficients[1][0], coefficients[2][0]) }
        let u = (Double(x) + 0.5) / Double(w) * 2 - 1, v = (Double(y) + 0.5) / Double(h) * 2 - 1
        let terms = [1, u, v, u * u, v * v, u * v]
        var c = SIMD3<Double>.zero
        for k in 0..<6 { c += SIMD3(coefficients[0][k], coefficients[1][k], coefficients[2][k]) * terms[k] }
        return c
    }

    /// Least squares with three rounds of trimming; returns the coefficients and the
    /// robust noise of the kept samples.
    static func fit(_ samples: [(x: Int, y: Int, c: SIMD3<Double>)], width w: Int, height h: Int, quadratic: Bool) -> (coefficients: [[Double]], noise: Double) {
        var kept = samples
        var coefficients: [[Double]] = [[255], [255], [255]]
        var noise = 255.0
        for _ in 0..<4 {
            guard kept.count >= (quadratic ? 12 : 1) else { break }
            coefficients = (0..<3).map { channel in
                quadratic ? solveQuadratic(kept, channel, w, h) : [median(kept.map { $0.c[channel] })]
            }
            let residuals = kept.map { distance($0.c, evaluate(coefficients, $0.x, $0.y, w, h)) }
            noise = max(0.5, 1.4826 * median(residuals))
            let limit = 3 * noise + 1
            let next = zip(kept, residuals).filter { $0.1 <= limit }.map { $0.0 }
            if next.count == kept.count { break }
            kept = next
        }
        return (coefficients, noise)
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    /// Normal equations for the 6 quadratic terms of one channel (Gaussian elimination).
    static func solveQuadratic(_ samples: [(x: Int, y: Int, c: SIMD3<Double>)], _ channel: Int, _ w: Int, _ h: Int) -> [Double] {
        // The augmented 6×7 system, row-major in one flat array.
        var a = [Double](repeating: 0, count: 42)
        a.withUnsafeMutableBufferPointer { a in
            var t = [Double](repeating: 0, count: 6)
            t.withUnsafeMutableBufferPointer { t in
                for s in samples {
                    let u = (Double(s.x) + 0.5) / Double(w) * 2 - 1, v = (Double(s.y) + 0.5) / Double(h) * 2 - 1
                    t[0] = 1; t[1] = u; t[2] = v; t[3] = u * u; t[4] = v * v; t[5] = u * v
                    let value = s.c[channel]
                    for i in 0..<6 {
                        for j in 0..<6 { a[7 * i + j] += t[i] * t[j] }
                        a[7 * i + 6] += t[i] * value
                    }
                }
            }
        }
        var rows = (0..<6).map { i in Array(a[(7 * i)..<(7 * i + 7)]) }
        for i in 0..<6 { rows[i][i] += 1e-9 }
        for column in 0..<6 {
            var pivot = column
            for row in column..<6 where abs(rows[row][column]) > abs(rows[pivot][column]) { pivot = row }
            rows.swapAt(column, pivot)
            let p = rows[column][column]
            guard abs(p) > 1e-12 else { continue }
            for j in column..<7 { rows[column][j] /= p }
            for row in 0..<6 where row != column {
                let factor = rows[row][column]
                for j in column..<7 { rows[row][j] -= factor * rows[column][j] }
            }
        }
        return (0..<6).map { rows[$0][6] }
    }
}
