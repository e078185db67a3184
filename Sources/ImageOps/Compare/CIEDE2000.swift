import RealModule

/// The CIEDE2000 colour difference (CIE 142-2001) with kL = kC = kH = 1, following
/// Sharma, Wu & Dalal (2005), including their notes on hue: a colour with C' = 0 has
/// hue 0; |Δh'| = 180° exactly takes the ≤ 180° branch for both Δh' and the mean hue.
public enum CIEDE2000 {
    private static let pow25to7 = 6_103_515_625.0   // 25^7
    private static let cos30 = 0.8660254037844387, sin30 = 0.5
    private static let cos6 = 0.9945218953682733, sin6 = 0.10452846326765347
    private static let cos63 = 0.4539904997395468, sin63 = 0.8910065241883678

    /// ΔE00 between two CIELAB colours.
    public static func difference(_ lab1: (l: Double, a: Double, b: Double), _ lab2: (l: Double, a: Double, b: Double)) -> Double {
        let (l1, a1, b1) = lab1, (l2, a2, b2) = lab2
        let c1 = (a1 * a1 + b1 * b1).squareRoot(), c2 = (a2 * a2 + b2 * b2).squareRoot()
        let cBar = (c1 + c2) / 2
        let cBar7 = pow7(cBar)
        let g = 0.5 * (1 - (cBar7 / (cBar7 + pow25to7)).squareRoot())
        let a1p = (1 + g) * a1, a2p = (1 + g) * a2
        let c1p = (a1p * a1p + b1 * b1).squareRoot(), c2p = (a2p * a2p + b2 * b2).squareRoot()
        let h1p = hueDegrees(b1, a1p), h2p = hueDegrees(b2, a2p)

        let deltaL = l2 - l1, deltaC = c2p - c1p
        let product = c1p * c2p
        var deltaH = 0.0
        if product != 0 {
            let dh = h2p - h1p
            deltaH = abs(dh) <= 180 ? dh : (dh > 180 ? dh - 360 : dh + 360)
        }
        let deltaBigH = 2 * product.squareRoot() * Double.sin(radians(deltaH / 2))

        let lBar = (l1 + l2) / 2, cBarP = (c1p + c2p) / 2
        var hBar = h1p + h2p
        if product != 0 {
            if abs(h1p - h2p) <= 180 { hBar = (h1p + h2p) / 2 } else if h1p + h2p < 360 { hBar = (h1p + h2p + 360) / 2 } else { hBar = (h1p + h2p - 360) / 2 }
        }
        // T from one sine and cosine of h̄ (multiple-angle and angle-sum identities).
        let c1h = Double.cos(radians(hBar)), s1h = Double.sin(radians(hBar))
        let c2h = 2 * c1h * c1h - 1, s2h = 2 * s1h * c1h
        let c3h = c1h * (4 * c1h * c1h - 3), s3h = s1h * (3 - 4 * s1h * s1h)
        let c4h = 2 * c2h * c2h - 1, s4h = 2 * s2h * c2h
        let t = 1 - 0.17 * (c1h * cos30 + s1h * sin30) + 0.24 * c2h
            + 0.32 * (c3h * cos6 - s3h * sin6) - 0.20 * (c4h * cos63 + s4h * sin63)
        let deltaTheta = 30 * Double.exp(-((hBar - 275) / 25) * ((hBar - 275) / 25))
        let cBarP7 = pow7(cBarP)
        let rC = 2 * (cBarP7 / (cBarP7 + pow25to7)).squareRoot()
        let lShift = (lBar - 50) * (lBar - 50)
        let sL = 1 + 0.015 * lShift / (20 + lShift).squareRoot()
        let sC = 1 + 0.045 * cBarP
        let sH = 1 + 0.015 * cBarP * t
        let rT = -Double.sin(radians(2 * deltaTheta)) * rC
        let l = deltaL / sL, c = deltaC / sC, h = deltaBigH / sH
        return (l * l + c * c + h * h + rT * c * h).squareRoot()
    }

    @inline(__always) private static func pow7(_ x: Double) -> Double { let x2 = x * x, x3 = x2 * x; return x3 * x3 * x }
    @inline(__always) private static func radians(_ degrees: Double) -> Double { degrees * .pi / 180 }

    /// atan2 in degrees, 0…360; 0 for the achromatic (0, 0).
    @inline(__always) private static func hueDegrees(_ b: Double, _ a: Double) -> Double {
        if a == 0 && b == 0 { return 0 }
        let h = Double.atan2(y: b, x: a) * 180 / .pi
        return h < 0 ? h + 360 : h
    }
}
