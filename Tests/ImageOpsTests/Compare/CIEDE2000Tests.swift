import ImageOps
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

/// The per-pixel variant against the reference formula on random and edge colours.
@Suite struct CIEDE2000FastPathTests {
    @Test func fastDifferenceAgreesWithTheReference() {
        var state: UInt64 = 12345
        func next() -> UInt8 { state = state &* 6364136223846793005 &+ 1442695040888963407; return UInt8(truncatingIfNeeded: state >> 56) }
        var worst = 0.0
        var pairs: [((UInt8, UInt8, UInt8), (UInt8, UInt8, UInt8))] = (0..<20000).map { _ in ((next(), next(), next()), (next(), next(), next())) }
        pairs += [((128, 128, 128), (130, 128, 128)), ((255, 0, 0), (0, 255, 255)), ((0, 0, 255), (255, 255, 0)), ((10, 10, 10), (10, 10, 11))]
        for (p, q) in pairs {
            let a = SRGBToLab.lab(p.0, p.1, p.2), b = SRGBToLab.lab(q.0, q.1, q.2)
            worst = max(worst, abs(CIEDE2000.fastDifference(a, b) - CIEDE2000.difference(a, b)))
        }
        #expect(worst < 1e-6, "largest difference \(worst)")
    }
}
