public import ImageCore

/// How a mask is made, in a fixed order: start from `base` (or nothing), draw `shapes`
/// (adds and subtracts in their order), `invert`, grow or shrink by `offset`, `feather`.
/// The result is coverage (255 = edit); conventions are applied when it is written.
public struct MaskRecipe: Sendable {
    /// A feather: radius in pixels (> 0), its shape, and how a Gaussian radius becomes σ.
    public struct Feather: Sendable, Hashable {
        public var radius: Double
        public var mode: FeatherMode
        public var compatibility: FeatherCompatibility

        public init(radius: Double, mode: FeatherMode = .gaussian, compatibility: FeatherCompatibility = .retouch) {
            self.radius = radius
            self.mode = mode
            self.compatibility = compatibility
        }
    }

    public var shapes: [MaskShape]
    public var invert: Bool
    /// Grow (> 0) or shrink (< 0) in pixels; 0 leaves the edge where it is.
    public var offset: Double
    public var feather: Feather?

    public init(shapes: [MaskShape] = [], invert: Bool = false, offset: Double = 0, feather: Feather? = nil) {
        self.shapes = shapes
        self.invert = invert
        self.offset = offset
        self.feather = feather
    }

    /// Whether `apply` on a base mask can stay 8-bit (no Float plane): nothing but a
    /// Gaussian feather.
    public var isBlurOnly: Bool {
        shapes.isEmpty && !invert && offset == 0 && (feather == nil || feather?.mode == .gaussian)
    }

    /// The mask of `size` (the base's size when there is a base) and, when the recipe went
    /// through a Float plane, that plane (a preview drawn from it is exact; from the
    /// 8-bit mask, within one level).
    ///
    /// A base that is only blurred stays 8-bit and is blurred in its own storage.
    /// - Throws: `OperationError` for a degenerate shape or one outside the image.
    public func apply(size: PixelSize, base: consuming Mask?) throws(OperationError) -> (mask: Mask, coverage: CoveragePlane?) {
        try OutputLimits.check(size, what: "the mask")
        let limit = Double(OutputLimits.maxDimension)
        guard offset.isFinite, abs(offset) <= limit else {
            throw .invalidParameter(name: "grow/shrink", value: "\(offset)", expected: "a distance within ±\(OutputLimits.maxDimension) pixels")
        }
        if let feather, !(feather.radius.isFinite && feather.radius >= 0 && feather.radius <= limit) {
            throw .invalidParameter(name: "feather radius", value: "\(feather.radius)", expected: "0…\(OutputLimits.maxDimension) pixels")
        }
        if isBlurOnly, var bytes = base {
            if let feather { bytes.blur(sigma: feather.compatibility.sigma(radius: feather.radius)) }
            return (bytes, nil)
        }
        var plane = try ShapeRenderer.render(shapes, size: size, base: base.map(CoveragePlane.init))
        if invert { plane = plane.inverted() }
        if offset != 0 { plane = plane.offset(by: offset) }
        if let feather { plane.feather(radius: feather.radius, mode: feather.mode, compatibility: feather.compatibility) }
        return (plane.mask, plane)
    }
}
