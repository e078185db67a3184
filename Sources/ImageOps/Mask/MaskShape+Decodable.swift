/// The JSON form of a shape (the README's "Shapes file"):
///
///     {"type": "rect", "x": 10, "y": "5%", "width": 200, "height": 100, "radius": 8}
///     {"type": "ellipse", "cx": "50%", "cy": "50%", "rx": 120, "ry": 80, "op": "subtract"}
///     {"type": "polygon", "points": [[0, 0], [100, 0], [50, "80%"]], "fill": "evenodd"}
///     {"type": "stroke", "width": 12, "points": [[10, 10], [200, 40], [220, 300]]}
///
/// Numbers are pixels; strings are pixels ("12.5") or percentages ("25%"). `op` is `add`
/// (default) or `subtract`; `fill` is `nonzero` (default) or `evenodd`.
extension MaskShape: Decodable {
    private enum Keys: String, CodingKey {
        case type, op, x, y, width, height, radius, cx, cy, rx, ry, points, fill
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let type = try c.decode(String.self, forKey: .type)
        let operation = try c.decodeIfPresent(Operation.self, forKey: .op) ?? .add
        func length(_ key: Keys) throws -> ShapeLength { try c.decode(ShapeLengthValue.self, forKey: key).value }
        func points() throws -> [(ShapeLength, ShapeLength)] {
            try c.decode([[ShapeLengthValue]].self, forKey: .points).map { pair in
                guard pair.count == 2 else {
                    throw DecodingError.dataCorruptedError(forKey: .points, in: c, debugDescription: "each point must be [x, y], got \(pair.count) values")
                }
                return (pair[0].value, pair[1].value)
            }
        }
        let geometry: Geometry
        switch type {
        case "rect":
            geometry = .rect(x: try length(.x), y: try length(.y), width: try length(.width), height: try length(.height),
                             cornerRadius: try c.decodeIfPresent(ShapeLengthValue.self, forKey: .radius)?.value ?? .pixels(0))
        case "ellipse":
            geometry = .ellipse(cx: try length(.cx), cy: try length(.cy), rx: try length(.rx), ry: try length(.ry))
        case "circle":
            let r = try length(.radius)
            geometry = .ellipse(cx: try length(.cx), cy: try length(.cy), rx: r, ry: r)
        case "polygon":
            geometry = .polygon(points: try points(), rule: try c.decodeIfPresent(FillRule.self, forKey: .fill) ?? .nonZero)
        case "stroke":
            geometry = .stroke(width: try length(.width), points: try points())
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown shape type \"\(type)\": expected rect, ellipse, circle, polygon or stroke")
        }
        self.init(geometry, operation: operation)
    }
}

/// A JSON number (pixels) or string ("12", "25%").
private struct ShapeLengthValue: Decodable {
    let value: ShapeLength

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let number = try? c.decode(Double.self) {
            value = .pixels(number)
        } else {
            let text = try c.decode(String.self)
            guard let parsed = ShapeLength(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "\"\(text)\" is not a length: expected pixels (12.5) or a percentage (25%)")
            }
            value = parsed
        }
    }
}
