import RealModule

/// 8-bit sRGB → CIELAB: the IEC 61966-2-1 transfer curve, then linear RGB → XYZ and the
/// D65 white with scikit-image's constants (`xyz_from_rgb`, white (0.95047, 1, 1.08883)),
/// no chromatic adaptation, so results agree with `skimage.color.rgb2lab`.
public enum SRGBToLab {
    /// Linear value of each 8-bit sRGB code.
    static let linear: [Double] = (0...255).map { code in
        let c = Double(code) / 255
        return c <= 0.04045 ? c / 12.92 : Double.pow((c + 0.055) / 1.055, 2.4)
    }

    /// CIELAB of an 8-bit sRGB colour.
    public static func lab(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> (l: Double, a: Double, b: Double) {
        let rl = linear[Int(r)], gl = linear[Int(g)], bl = linear[Int(b)]
        let x = (0.412453 * rl + 0.357580 * gl + 0.180423 * bl) / 0.95047
        let y = 0.212671 * rl + 0.715160 * gl + 0.072169 * bl
        let z = (0.019334 * rl + 0.119193 * gl + 0.950227 * bl) / 1.08883
        let fx = f(x), fy = f(y), fz = f(z)
        return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))
    }

    @inline(__always) private static func f(_ t: Double) -> Double {
        t > 0.008856451679035631 ? Double.root(t, 3) : t * 7.787037037037037 + 16.0 / 116
    }
}
