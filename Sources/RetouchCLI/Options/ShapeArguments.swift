import ArgumentParser
import ImageOps

/// Parsers for the `mask` command's shape options (`X,Y,W,H`, `WIDTH:X1,Y1,…`).
enum ShapeArguments {
    /// `X,Y,W,H` or `X,Y,W,H,RADIUS`.
    static func rect(_ text: String) throws -> MaskShape.Geometry {
        let v = try lengths(text, flag: "--rect", counts: [4, 5], form: "X,Y,W,H[,RADIUS]")
        return .rect(x: v[0], y: v[1], width: v[2], height: v[3], cornerRadius: v.count == 5 ? v[4] : .pixels(0))
    }

    /// `CX,CY,RX,RY`.
    static func ellipse(_ text: String) throws -> MaskShape.Geometry {
        let v = try lengths(text, flag: "--ellipse", counts: [4], form: "CX,CY,RX,RY")
        return .ellipse(cx: v[0], cy: v[1], rx: v[2], ry: v[3])
    }

    /// `X1,Y1,X2,Y2,X3,Y3,…` (at least 3 points).
    static func polygon(_ text: String) throws -> MaskShape.Geometry {
        let v = try lengths(text, flag: "--polygon", counts: nil, form: "X1,Y1,X2,Y2,X3,Y3,…")
        guard v.count >= 6, v.count % 2 == 0 else {
            throw ValidationError("--polygon \(text): expected at least 3 points as X1,Y1,X2,Y2,X3,Y3,…")
        }
        return .polygon(points: pairs(v), rule: .nonZero)
    }

    /// `WIDTH:X1,Y1,X2,Y2,…` (at least 1 point).
    static func stroke(_ text: String) throws -> MaskShape.Geometry {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let width = ShapeLength(parts[0]) else {
            throw ValidationError("--stroke \(text): expected WIDTH:X1,Y1,X2,Y2,…")
        }
        let v = try lengths(String(parts[1]), flag: "--stroke", counts: nil, form: "WIDTH:X1,Y1,X2,Y2,…")
        guard v.count >= 2, v.count % 2 == 0 else { throw ValidationError("--stroke \(text): expected WIDTH:X1,Y1,X2,Y2,…") }
        return .stroke(width: width, points: pairs(v))
    }

    private static func lengths(_ text: String, flag: String, counts: [Int]?, form: String) throws -> [ShapeLength] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        var values: [ShapeLength] = []
        for part in parts {
            guard let value = ShapeLength(part) else { throw ValidationError("\(flag) \(text): \"\(part)\" is not a number or percentage (expected \(form))") }
            values.append(value)
        }
        if let counts, !counts.contains(values.count) { throw ValidationError("\(flag) \(text): expected \(form)") }
        return values
    }

    private static func pairs(_ values: [ShapeLength]) -> [(ShapeLength, ShapeLength)] {
        stride(from: 0, to: values.count, by: 2).map { (values[$0], values[$0 + 1]) }
    }
}
