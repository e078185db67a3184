public import ImageCore

/// The output sizes a model accepts: either a fixed list, or constraints on the edges.
public enum SizeRules: Sendable, Hashable {
    /// Exactly these sizes.
    case fixed([PixelSize])
    /// Any size meeting every constraint.
    case constrained(Constraints)

    /// Edge and pixel constraints (all inclusive).
    public struct Constraints: Sendable, Hashable {
        /// Both edges must be multiples of this, in pixels (1 = any).
        public var edgeMultiple: Int
        /// Longest edge, in pixels.
        public var maxEdge: Int
        /// Longest edge ÷ shortest edge.
        public var maxAspectRatio: Double
        /// width × height bounds, in pixels.
        public var minPixels: Int
        public var maxPixels: Int
        /// Sizes with more pixels than this are accepted but flagged experimental (nil: none).
        public var experimentalAbovePixels: Int?

        public init(edgeMultiple: Int, maxEdge: Int, maxAspectRatio: Double, minPixels: Int, maxPixels: Int,
                    experimentalAbovePixels: Int? = nil) {
            self.edgeMultiple = edgeMultiple
            self.maxEdge = maxEdge
            self.maxAspectRatio = maxAspectRatio
            self.minPixels = minPixels
            self.maxPixels = maxPixels
            self.experimentalAbovePixels = experimentalAbovePixels
        }
    }

    /// The rules `size` breaks, in words; empty when it is valid.
    public func violations(of size: PixelSize) -> [String] {
        switch self {
        case .fixed(let sizes):
            if sizes.contains(size) { return [] }
            return ["only " + sizes.map { "\($0.width)x\($0.height)" }.joined(separator: ", ") + " are accepted"]
        case .constrained(let c):
            var broken: [String] = []
            let long = max(size.width, size.height), short = min(size.width, size.height)
            if size.width % c.edgeMultiple != 0 || size.height % c.edgeMultiple != 0 {
                broken.append("both edges must be multiples of \(c.edgeMultiple)")
            }
            if long > c.maxEdge { broken.append("the longest edge must be at most \(c.maxEdge)") }
            if short <= 0 || Double(long) / Double(short) > c.maxAspectRatio + 1e-12 {
                broken.append("long/short must be at most \(Self.format(c.maxAspectRatio))")
            }
            if size.area < c.minPixels { broken.append("at least \(c.minPixels) pixels are needed (has \(size.area))") }
            if size.area > c.maxPixels { broken.append("at most \(c.maxPixels) pixels are allowed (has \(size.area))") }
            return broken
        }
    }

    /// Whether `size` is accepted but flagged experimental.
    public func isExperimental(_ size: PixelSize) -> Bool {
        if case .constrained(let c) = self, let threshold = c.experimentalAbovePixels { return size.area > threshold }
        return false
    }

    /// The largest aspect ratio (long ÷ short) any valid size has.
    public var maxAspectRatio: Double {
        switch self {
        case .fixed(let sizes): sizes.map { Double(max($0.width, $0.height)) / Double(min($0.width, $0.height)) }.max() ?? 1
        case .constrained(let c): c.maxAspectRatio
        }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
