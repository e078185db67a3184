/// CIEDE2000 for many 8-bit sRGB pixel pairs at once, sixteen pairs per step in
/// `SIMD16<Float>` (the width that LLVM keeps in vector registers best on SSE2): sRGB →
/// linear through a table, a cube root by bit estimate, a Halley and a Newton step, square roots
/// by bit estimate and Newton steps, hue terms from the a'b' vectors (a polynomial atan2
/// only for the rotation term), exp and sin by polynomials. Pairs with hues almost
/// exactly opposite (no reliable mean hue) are recomputed with the Double reference.
/// Agrees with `CIEDE2000.difference` within 1e-4 of max(1, ΔE00) (tested).
enum DeltaEBatch {
    typealias Lanes = SIMD16<Float>

    static let block = 256

    static let linear: [Float] = SRGBToLab.linear.map(Float.init)

    /// ΔE00 of `count` pixel pairs of packed 8-bit RGB `a` and `b`, written to `out`.
    /// Identical pairs (ΔE00 0) skip the conversion: each block of 256 pairs is compared
    /// in 8-byte words first, then only its differing pairs are packed into the planes.
    /// With `ignoringBelow` n > 1, pairs whose channels all differ by less than n levels
    /// are skipped too and given 0.
    static func compute(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int, into out: UnsafeMutablePointer<Float>, ignoringBelow levels: Int = 1) {
        let planes = UnsafeMutablePointer<Float>.allocate(capacity: 8 * block)
        defer { planes.deallocate() }
        let index = UnsafeMutablePointer<UInt16>.allocate(capacity: block)
        defer { index.deallocate() }
        let r1 = planes, g1 = planes + block, c1 = planes + 2 * block, r2 = planes + 3 * block
        let g2 = planes + 4 * block, c2 = planes + 5 * block, result = planes + 6 * block, scratch = planes + 7 * block
        linear.withUnsafeBufferPointer { table in
            let table = table.baseAddress!
            var start = 0
            while start < count {
                let n = min(block, count - start)
                let pa = a + 3 * start, pb = b + 3 * start
                if equal(pa, pb, bytes: 3 * n) {
                    (out + start).update(repeating: 0, count: n)
                    start += n
                    continue
                }
                // Linear RGB (table lookups) of the pairs that differ, packed into planes
                // padded to whole lanes; `index` keeps each packed pair's place.
                var m = 0
                for k in 0..<n {
                    let p = 3 * k
                    let x0 = pa[p], x1 = pa[p + 1], x2 = pa[p + 2], y0 = pb[p], y1 = pb[p + 1], y2 = pb[p + 2]
                    r1[m] = table[Int(x0)]; g1[m] = table[Int(x1)]; c1[m] = table[Int(x2)]
                    r2[m] = table[Int(y0)]; g2[m] = table[Int(y1)]; c2[m] = table[Int(y2)]
                    index[m] = UInt16(truncatingIfNeeded: k)
                    if levels <= 1 {
                        m += Int((x0 ^ y0) | (x1 ^ y1) | (x2 ^ y2) != 0 ? 1 : 0)
                    } else {
                        let d = max(abs(Int(x0) - Int(y0)), abs(Int(x1) - Int(y1)), abs(Int(x2) - Int(y2)))
                        m += d >= levels ? 1 : 0
                    }
                }
                let padded = (m + 15) & ~15
                for k in m..<padded { r1[k] = 0; g1[k] = 0; c1[k] = 0; r2[k] = 0; g2[k] = 0; c2[k] = 0 }
                // CIELAB in place of the linear RGB.
                lab(padded, r1, g1, c1)
                lab(padded, r2, g2, c2)
                let unreliable = difference(padded, r1, g1, c1, r2, g2, c2, result, scratch)
                let target = out + start
                target.update(repeating: 0, count: n)
                for j in 0..<m { target[Int(index[j])] = result[j] }
                if unreliable {
                    for j in 0..<m where result[j].isNaN {
                        let p = 3 * Int(index[j])
                        target[Int(index[j])] = Float(CIEDE2000.difference(SRGBToLab.lab(pa[p], pa[p + 1], pa[p + 2]), SRGBToLab.lab(pb[p], pb[p + 1], pb[p + 2])))
                    }
                }
                start += n
            }
        }
    }

    /// Whether `bytes` bytes at `a` and `b` are equal (eight at a time).
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, bytes: Int) -> Bool {
        let words = bytes / 8
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        for w in 0..<words where ra.loadUnaligned(fromByteOffset: 8 * w, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: 8 * w, as: UInt64.self) {
            return false
        }
        for i in 8 * words..<bytes where a[i] != b[i] { return false }
        return true
    }

    @inline(__always)
    static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self) }

    @inline(__always)
    static func load(_ p: UnsafeMutablePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }

    /// CIELAB in place of n linear-RGB colours (n a multiple of 16) in planes r, g, b:
    /// L* into r, a* into g, b* into b.
    static func lab(_ n: Int, _ rp: UnsafeMutablePointer<Float>, _ gp: UnsafeMutablePointer<Float>, _ bp: UnsafeMutablePointer<Float>) {
        for k in stride(from: 0, to: n, by: 16) {
            let r = load(rp + k), g = load(gp + k), b = load(bp + k)
            let x = Float(0.412453 / 0.95047) * r + Float(0.357580 / 0.95047) * g + Float(0.180423 / 0.95047) * b
            let y = Float(0.212671) * r + Float(0.715160) * g + Float(0.072169) * b
            let z = Float(0.019334 / 1.08883) * r + Float(0.119193 / 1.08883) * g + Float(0.950227 / 1.08883) * b
            let fx = f(x), fy = f(y), fz = f(z)
            store(116 * fy - 16, rp + k); store(500 * (fx - fy), gp + k); store(200 * (fy - fz), bp + k)
        }
    }

    @inline(__always)
    static func f(_ t: Lanes) -> Lanes {
        cubeRoot(t.replacing(with: 1, where: t .< 1e-6)).replacing(with: t * 7.787037037037037 + Float(16.0 / 116), where: t .<= 0.008856451679035631)
    }

    /// ∛x for x > 0: the exponent divided by 3 in the bit pattern (within 3.3 %), one Halley
    /// step (2.3e-5) and one Newton step (below 1e-9 before Float rounding).
    @inline(__always)
    static func cubeRoot(_ x: Lanes) -> Lanes {
        let bits = unsafeBitCast(x, to: SIMD16<UInt32>.self)
        var y = unsafeBitCast(bits / 3 &+ 0x2A51_4067, to: Lanes.self)
        let y3 = y * y * y
        y += y * (x - y3) / (2 * y3 + x)
        return (y + y + x / (y * y)) * Float(1.0 / 3)
    }

    /// 2^x for x ≤ 0 (clamped at −60): integer part in the exponent bits, fraction by a
    /// degree-6 polynomial.
    @inline(__always)
    static func exp2(_ x: Lanes) -> Lanes {
        let v = x.replacing(with: -60, where: x .< -60)
        let shifted = v + 12_582_912                   // round to nearest integer
        let fraction = v - (shifted - 12_582_912)      // −0.5 … 0.5
        let n = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- 0x4B40_0000
        var p = fraction * 0.0001540353 + 0.001333355
        p = p * fraction + 0.009618129
        p = p * fraction + 0.05550411
        p = p * fraction + 0.2402265
        p = p * fraction + 0.6931472
        p = p * fraction + 1
        return p * unsafeBitCast((n &+ 127) &<< 23, to: Lanes.self)
    }

    /// sin x for 0 ≤ x ≤ π/3 (Taylor to x^11, in Horner form).
    @inline(__always)
    static func smallSine(_ x: Lanes) -> Lanes {
        let x2 = x * x
        var p = x2 * Float(-1.0 / 39_916_800) + Float(1.0 / 362_880)
        p = p * x2 - Float(1.0 / 5040)
        p = p * x2 + Float(1.0 / 120)
        p = p * x2 - Float(1.0 / 6)
        p = p * x2 + 1
        return x * p
    }

    /// 1/√x for x ≥ 0: bit estimate and two Newton steps, relative error below 5e-6
    /// (x = 0 gives a large finite value).
    @inline(__always)
    static func inverseSquareRoot(_ x: Lanes) -> Lanes {
        var y = unsafeBitCast(0x5F37_5A86 &- (unsafeBitCast(x, to: SIMD16<UInt32>.self) &>> 1), to: Lanes.self)
        let half = 0.5 * x
        y = y * (1.5 - half * y * y)
        y = y * (1.5 - half * y * y)
        return y
    }

    /// √x for x ≥ 0 (0 for 0), relative error below 5e-6. On Linux the standard library's
    /// square root is a libm call (errno semantics) that LLVM cannot vectorise; this stays
    /// in vector registers.
    @inline(__always)
    static func squareRoot(_ x: Lanes) -> Lanes { x * inverseSquareRoot(x) }

    /// √x for x ≥ 0 within about an ulp: `squareRoot` plus a Newton correction (for C',
    /// whose differences and weighted sums cancel).
    @inline(__always)
    static func preciseSquareRoot(_ x: Lanes) -> Lanes {
        let r = inverseSquareRoot(x), y = x * r
        return y + 0.5 * r * (x - y * y)
    }

    @inline(__always)
    static func pow7(_ x: Lanes) -> Lanes { let x2 = x * x; return x2 * x2 * x2 * x }

    /// CIEDE2000 over n pairs (a multiple of 16) of CIELAB planes. Hue terms come from
    /// the a'b' vectors without angles: the mean-hue direction is C2'v1 + C1'v2 (v = (a', b')),
    /// ΔH'² = |C1'v2 − C2'v1|² / (C1'C2') with the sign of v1 × v2. Returns whether some
    /// pair's hues are nearly opposite (its value is NaN: the caller recomputes it).
    /// Overwrites the a planes with a'; `scratch` holds n values.
    static func difference(_ n: Int, _ l1: UnsafeMutablePointer<Float>, _ a1: UnsafeMutablePointer<Float>, _ b1: UnsafeMutablePointer<Float>,
                           _ l2: UnsafeMutablePointer<Float>, _ a2: UnsafeMutablePointer<Float>, _ b2: UnsafeMutablePointer<Float>,
                           _ out: UnsafeMutablePointer<Float>, _ scratch: UnsafeMutablePointer<Float>) -> Bool {
        let pow25to7: Float = 6_103_515_648   // 25^7 as the nearest Float
        // First pass: a' = (1 + G) a in place of a, C' into out and scratch. (In one pass
        // the live values spilled out of the registers: 4 % slower on the J4 pair.)
        for k in stride(from: 0, to: n, by: 16) {
            let a1v = load(a1 + k), b1 = load(b1 + k), a2v = load(a2 + k), b2 = load(b2 + k)
            let cBar = (squareRoot(a1v * a1v + b1 * b1) + squareRoot(a2v * a2v + b2 * b2)) * 0.5
            let cBar7 = pow7(cBar)
            let g = 1.5 - 0.5 * squareRoot(cBar7 / (cBar7 + pow25to7))
            let x1 = g * a1v, x2 = g * a2v
            store(x1, a1 + k); store(x2, a2 + k)
            store(preciseSquareRoot(x1 * x1 + b1 * b1), out + k); store(preciseSquareRoot(x2 * x2 + b2 * b2), scratch + k)
        }
        var unreliable = false
        for k in stride(from: 0, to: n, by: 16) {
            let x1 = load(a1 + k), b1 = load(b1 + k), x2 = load(a2 + k), b2 = load(b2 + k)
            let c1p = load(out + k), c2p = load(scratch + k)
            let product = c1p * c2p
            let chromatic = product .> 1e-12
            // Mean hue direction (one colour achromatic: the other's hue).
            var bx = c2p * x1 + c1p * x2, by = c2p * b1 + c1p * b2
            bx.replace(with: x1 + x2, where: .!chromatic)
            by.replace(with: b1 + b2, where: .!chromatic)
            let length2 = bx * bx + by * by
            let opposite = chromatic .& (length2 .< 1e-6 * product * product)
            if any(opposite) { unreliable = true }
            let inverseLength = inverseSquareRoot(length2.replacing(with: 1, where: length2 .<= 1e-30))
            let c1h = bx * inverseLength, s1h = by * inverseLength
            let c2h = 2 * c1h * c1h - 1, s2h = 2 * s1h * c1h
            let c3h = c1h * (4 * c1h * c1h - 3), s3h = s1h * (3 - 4 * s1h * s1h)
            let c4h = 2 * c2h * c2h - 1, s4h = 2 * s2h * c2h
            var t: Lanes = 1 - 0.17 * (c1h * 0.8660254 + s1h * 0.5)
            t += 0.24 * c2h
            t += 0.32 * (c3h * 0.9945219 - s3h * 0.10452846)
            t -= 0.20 * (c4h * 0.4539905 + s4h * 0.8910065)
            // ΔH'.
            let dx = c1p * x2 - c2p * x1, dy = c1p * b2 - c2p * b1
            var dH = squareRoot((dx * dx + dy * dy) / product.replacing(with: 1, where: .!chromatic))
            dH.replace(with: -dH, where: x1 * b2 .< b1 * x2)
            // The weighted differences.
            let cBarP = (c1p + c2p) * 0.5
            let l1 = load(l1 + k), l2 = load(l2 + k)
            let lBar = (l1 + l2) * 0.5, lShift = (lBar - 50) * (lBar - 50)
            let sL = 1 + 0.015 * lShift / squareRoot(20 + lShift)
            let sC = 1 + 0.045 * cBarP
            let sH = 1 + 0.015 * cBarP * t
            // The rotation term matters only within about 100° of h̄ = 275° (beyond it,
            // exp(−16) < 1e-7): skipped when no lane comes that close (the cosine of the
            // angle between the mean-hue direction and 275° is below cos 100°).
            var rT = Lanes.zero
            if any((bx * 0.08715574 - by * 0.9961947) * inverseLength .>= -0.17364818) {
                // h̄ in degrees (polynomial atan2) for the rotation term.
                let ax = bx.replacing(with: -bx, where: bx .< 0), ay = by.replacing(with: -by, where: by .< 0)
                let steep = ay .> ax
                let big = ax.replacing(with: ay, where: steep), small = ay.replacing(with: ax, where: steep)
                let z = small / big.replacing(with: 1, where: big .< 1e-30), z2 = z * z
                var p = z2 * -0.01172120 + 0.05265332
                p = p * z2 - 0.11643287
                p = p * z2 + 0.19354346
                p = p * z2 - 0.33262347
                p = p * z2 + 0.99997726
                var angle = p * z * Float(180 / Double.pi)
                angle.replace(with: 90 - angle, where: steep)
                angle.replace(with: 180 - angle, where: bx .< 0)
                angle.replace(with: 360 - angle, where: by .< 0)
                let hue = angle
                let u = (hue - 275) * (1 / 25)
                let deltaTheta = 30 * exp2(-u * u * 1.442695)
                let cBarP7 = pow7(cBarP)
                let rC = 2 * squareRoot(cBarP7 / (cBarP7 + pow25to7))
                rT = -smallSine(deltaTheta * (2 * Float.pi / 180)) * rC
            }
            let l = (l2 - l1) / sL, c = (c2p - c1p) / sC, h = dH / sH
            let sum: Lanes = l * l + c * c + (h + rT * c) * h
            store(squareRoot(sum.replacing(with: 0, where: sum .< 0)).replacing(with: .nan, where: opposite), out + k)
        }
        return unreliable
    }
}
