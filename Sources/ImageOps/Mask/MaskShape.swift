import ImageCore

/// One shape of a mask, drawn in order: `add` selects its area, `subtract` removes it.
///
/// Coordinates are pixels from the image's top-left corner (pixel (x, y) spans
/// [x, x+1] × [y, y+1]) or percentages: x-like values of the width, y-like values of
/// the height, radii and stroke widths of the shorter edge (`rx` of the width, `ry` of
/// the height).
public struct MaskShape: Sendable, Hashable, CustomStringConvertible {
    public enum Operation: String, Sendable, Hashable, Codable {
        case add, subtract
    }

    public enum Geometry: Sendable, Hashable {
        /// Top-left corner, size, and an optional corner radius (clamped to half the
        /// shorter side).
        case rect(x: ShapeLength, y: ShapeLength, width: ShapeLength, height: ShapeLength, cornerRadius: ShapeLength)
        /// Centre and radii.
        case ellipse(cx: ShapeLength, cy: ShapeLength, rx: ShapeLength, ry: ShapeLength)
        /// A closed polygon (≥ 3 points) filled with `rule`.
        case polygon(points: [(ShapeLength, ShapeLength)], rule: FillRule)
        /// A brush stroke: a polyline (≥ 1 point) of `width`, with round joins and caps.
        case stroke(width: ShapeLength, points: [(ShapeLength, ShapeLength)])

        public static func == (a: Geometry, b: Geometry) -> Bool { a.description == b.description }
        public func hash(into hasher: inout Hasher) { hasher.combine(description) }
    }

    public var geometry: Geometry
    public var operation: Operation

    public init(_ geometry: Geometry, operation: Operation = .add) {
        self.geometry = geometry
        self.operation = operation
    }

    /// `rect 10,10,200,100` / `subtract ellipse 50%,50%,20%,10%`: how errors name a shape.
    public var description: String {
        (operation == .subtract ? "subtract " : "") + geometry.description
    }
}

extension MaskShape.Geometry: CustomStringConvertible {
    public var description: String {
        func list(_ values: [ShapeLength]) -> String { values.map(\.description).joined(separator: ",") }
        func points(_ points: [(ShapeLength, ShapeLength)]) -> String { list(points.flatMap { [$0.0, $0.1] }) }
        switch self {
        case .rect(let x, let y, let w, let h, let r):
            return "rect \(list([x, y, w, h]))" + (r == .pixels(0) ? "" : " radius \(r)")
        case .ellipse(let cx, let cy, let rx, let ry):
            return "ellipse \(list([cx, cy, rx, ry]))"
        case .polygon(let p, let rule):
            return "polygon \(points(p))" + (rule == .evenOdd ? " evenodd" : "")
        case .stroke(let width, let p):
            return "stroke \(width):\(points(p))"
        }
    }
}
