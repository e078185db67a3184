@testable import ImageOps
import Testing
import TestSupport

/// The 34 pairs of Sharma, Wu & Dalal (2005), Table 1, to 1e-4.
@Suite struct CIEDE2000Tests {
    @Test(.requiresConformance) func sharmaPairsAgreeToTheFourthDecimal() throws {
        let rows = TSVTable.conformanceRows("ciede2000/sharma.tsv")
        #expect(rows.count == 34)
        for row in rows {
            let v = { (key: String) in Double(row[key]!)! }
            let delta = CIEDE2000.difference((v("L1"), v("a1"), v("b1")), (v("L2"), v("a2"), v("b2")))
            #expect(abs(delta - v("dE00")) <= 1e-4, "pair \(row["pair"]!): \(delta) vs \(v("dE00"))")
            let swapped = CIEDE2000.difference((v("L2"), v("a2"), v("b2")), (v("L1"), v("a1"), v("b1")))
            #expect(abs(swapped - delta) < 1e-9, "pair \(row["pair"]!) is not symmetric")
        }
    }

    /// Against `skimage.color.rgb2lab` (scikit-image 0.25), values printed to 1e-6.
    @Test func labAgreesWithScikitImage() {
        let cases: [((UInt8, UInt8, UInt8), (Double, Double, Double))] = [
            ((255, 255, 255), (100.0, -0.00245493786, 0.00465342115)),
            ((255, 0, 0), (53.2405879, 80.0923082, 67.2027510)),
            ((0, 0, 0), (0, 0, 0)),
            ((12, 200, 90), (70.9551578, -64.8200598, 43.0652283)),
        ]
        for ((r, g, b), (l, a, bb)) in cases {
            let lab = SRGBToLab.lab(r, g, b)
            #expect(abs(lab.l - l) < 1e-6 && abs(lab.a - a) < 1e-6 && abs(lab.b - bb) < 1e-6, "\(r),\(g),\(b): \(lab)")
        }
    }
}

/// The batch (Float, vectorised) path against the reference on random and edge pairs:
/// within 1e-4 of max(1, ΔE00) (Float keeps about five significant digits here).
@Suite struct DeltaEBatchTests {
    @Test func batchAgreesWithTheReference() {
        var state: UInt64 = 777
        func next() -> UInt8 { state = state &* 6364136223846793005 &+ 1442695040888963407; return UInt8(truncatingIfNeeded: state >> 56) }
        var a: [UInt8] = [], b: [UInt8] = []
        for _ in 0..<50_000 { a += [next(), next(), next()]; b += [next(), next(), next()] }
        // Edges: greys (achromatic), one grey, opposite hues, tiny differences, black and white.
        let edges: [([UInt8], [UInt8])] = [([128, 128, 128], [130, 130, 130]), ([128, 128, 128], [140, 120, 128]), ([255, 0, 0], [0, 255, 255]),
                                           ([0, 0, 255], [255, 255, 0]), ([10, 10, 10], [10, 10, 11]), ([0, 0, 0], [255, 255, 255]), ([0, 0, 0], [0, 0, 1])]
        for (p, q) in edges { a += p; b += q }
        // Near pairs (a JPEG's kind of difference), where Float cancellation is worst.
        for _ in 0..<20_000 {
            let p = [next(), next(), next()]
            a += p; b += p.map { UInt8(clamping: Int($0) + Int(next() % 7) - 3) }
        }
        // Identical pairs scattered among differing ones (packed out of the vector work),
        // with opposite hues (recomputed in Double) among the differing ones.
        let scattered = a.count / 3
        for i in 0..<700 {
            let p = [next(), next(), next()]
            if i % 3 == 0 { a += p; b += p } else if i % 7 == 1 { a += [129, 130, 131]; b += [131, 130, 129] } else { a += p; b += [next(), next(), next()] }
        }
        // A run of identical pixels longer than a block (skipped), then an odd tail.
        let identical = a.count / 3
        for _ in 0..<600 { let p = [next(), next(), next()]; a += p; b += p }
        for _ in 0..<5 { a += [next(), next(), next()]; b += [next(), next(), next()] }
        let count = a.count / 3
        var out = [Float](repeating: -1, count: count)
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in out.withUnsafeMutableBufferPointer { o in
            DeltaEBatch.compute(pa.baseAddress!, pb.baseAddress!, count: count, into: o.baseAddress!)
        } } }
        var worst = 0.0, worstPair = ""
        for i in 0..<count {
            let reference = CIEDE2000.difference(SRGBToLab.lab(a[3 * i], a[3 * i + 1], a[3 * i + 2]), SRGBToLab.lab(b[3 * i], b[3 * i + 1], b[3 * i + 2]))
            let relative = abs(Double(out[i]) - reference) / max(1, reference)
            if relative > worst {
                worst = relative
                worstPair = "\(a[3 * i]),\(a[3 * i + 1]),\(a[3 * i + 2]) vs \(b[3 * i]),\(b[3 * i + 1]),\(b[3 * i + 2]): \(out[i]) vs \(reference)"
            }
        }
        #expect(worst < 1e-4, "largest relative difference \(worst) at \(worstPair)")
        #expect(out[identical..<identical + 600].allSatisfy { $0 == 0 })
        #expect((0..<700).allSatisfy { i in (out[scattered + i] == 0) == (i % 3 == 0) })
    }
}
