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
