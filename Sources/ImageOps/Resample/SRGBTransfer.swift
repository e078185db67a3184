import RealModule

/// The sRGB transfer function (IEC 61966-2-1), as lookup tables.
enum SRGBTransfer {
    /// 8-bit sRGB value → linear light 0…1.
    static let toLinear: [Float] = (0..<256).map { value in
        let c = Double(value) / 255
        return Float(c <= 0.04045 ? c / 12.92 : Double.pow((c + 0.055) / 1.055, 2.4))
    }

    /// Linear light 0…1 → sRGB 0…255 (not rounded), sampled at 4096 steps plus one.
    static let fromLinearTable: [Float] = (0...4096).map { step in
        let l = Double(step) / 4096
        let c = l <= 0.0031308 ? l * 12.92 : 1.055 * Double.pow(l, 1 / 2.4) - 0.055
        return Float(c * 255)
    }

    /// Linear light → sRGB 0…255, interpolated in the table (error < 0.01 level).
    @inline(__always)
    static func fromLinear(_ l: Float) -> Float {
        let clamped = min(max(l, 0), 1) * 4096
        let index = min(Int(clamped), 4095)
        let t = clamped - Float(index)
        return fromLinearTable[index] + (fromLinearTable[index + 1] - fromLinearTable[index]) * t
    }
}
