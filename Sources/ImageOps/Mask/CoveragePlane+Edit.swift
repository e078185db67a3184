import ImageCore

extension CoveragePlane {
    /// The selection grown by `distance` pixels (shrunk when negative).
    ///
    /// A hard mask (partial coverage only in the anti-aliasing band of its edges) moves
    /// its anti-aliased 0.5 contour, measured with an exact Euclidean distance transform:
    /// a disc grows into a disc, a square's corners round off with radius `distance`, and
    /// the new edge's coverage is the pixel area of the offset contour, curvature included.
    /// A soft mask (`isSoft`: a feather, a cut-out's shadow) is dilated (eroded) in grey
    /// by a disc of radius |`distance`| (whole lattice pixels): every level moves by the
    /// distance and soft areas keep their values instead of being thresholded.
    public func offset(by distance: Double) -> CoveragePlane {
        guard distance != 0 else { return self }
        if isSoft {
            if distance > 0 { return CoveragePlane(width: width, height: height, values: DiscMaxFilter.apply(values, width: width, height: height, radius: distance)) }
            let grown = DiscMaxFilter.apply(values.map { 1 - $0 }, width: width, height: height, radius: -distance)
            return CoveragePlane(width: width, height: height, values: grown.map { 1 - $0 })
        }
        let field = SignedDistanceField(self)
        var result = self
        for i in 0..<values.count {
            let coarse = Double(field.distance[i]) - distance
            if coarse.isInfinite { result.values[i] = coarse < 0 ? 1 : 0; continue }
            // Pixels well clear of the new edge need no precise distance (the coarse one is
            // within √½ px of the contour).
            if coarse >= 2.25 { result.values[i] = 0; continue }
            if coarse <= -2.25 { result.values[i] = 1; continue }
            let (d, nx, ny, curvature) = field.refined(i)
            // The new edge: the curvature of a contour moved out by `distance` is
            // κ/(1 + κ·distance) (a shrink past the centre of curvature leaves a point,
            // treated as straight).
            let scale = 1 + curvature * distance
            let bent = scale > 0.05 ? curvature / scale : 0
            result.values[i] = Float(EdgeCoverage.coverage(distance: d - distance, nx: nx, ny: ny, curvature: bent))
        }
        return result
    }

    /// Whether the mask is soft: more than max(16, 0.1 % of the pixels) have partial
    /// coverage (4–96 %) with no pixel on the other side of 50 % within 2 pixels, i.e.
    /// outside the anti-aliasing band of a hard edge.
    public var isSoft: Bool {
        let high = MaxFilter.apply(values, width: width, height: height, radius: 2)
        let low = MaxFilter.apply(values.map { -$0 }, width: width, height: height, radius: 2)
        var soft = 0
        for i in 0..<values.count where values[i] > 0.04 && values[i] < 0.96 && !(-low[i] < 0.5 && high[i] >= 0.5) { soft += 1 }
        return soft > max(16, values.count / 1000)
    }

    /// A Gaussian blur with standard deviation `sigma` pixels (edges extended).
    public func blurred(sigma: Double) -> CoveragePlane {
        var result = self
        result.blur(sigma: sigma)
        return result
    }

    /// `blurred(sigma:)` in place (no copy of the plane when it is not shared).
    public mutating func blur(sigma: Double) {
        GaussianBlur.blur(&values, width: width, height: height, sigma: sigma)
    }

    /// `feathered(radius:mode:compatibility:)` in place; the Gaussian mode works on the
    /// plane itself (no copy when it is not shared).
    public mutating func feather(radius: Double, mode: FeatherMode, compatibility: FeatherCompatibility = .retouch) {
        guard radius > 0 else { return }
        if mode == .gaussian { blur(sigma: compatibility.sigma(radius: radius)) } else {
            self = feathered(radius: radius, mode: mode, compatibility: compatibility)
        }
    }

    /// The edge softened over `radius` pixels.
    ///
    /// `gaussian`: blur with σ = `compatibility.sigma(radius:)` (r/2 by default).
    /// `ramp` / `smoothstep`: coverage falls from 1 to 0 across [−r/2, +r/2] of signed
    /// distance around the 0.5 contour; inside parts thinner than r, the ramp is
    /// compressed to their local half-thickness so their middle stays at 1.
    public func feathered(radius: Double, mode: FeatherMode, compatibility: FeatherCompatibility = .retouch) -> CoveragePlane {
        guard radius > 0 else { return self }
        switch mode {
        case .gaussian:
            return blurred(sigma: compatibility.sigma(radius: radius))
        case .ramp, .smoothstep:
            let field = SignedDistanceField(self)
            // Local half-thickness: the deepest inside distance within r/2.
            let depth = field.distance.map { $0 < 0 ? -$0 : 0 }
            let thickness = MaxFilter.apply(depth, width: width, height: height, radius: Int((radius / 2).rounded(.up)))
            var result = self
            for i in 0..<values.count {
                // Precise distances across the ramp; the coarse one elsewhere.
                let coarse = field.distance[i]
                let d = abs(coarse) < Float(radius) / 2 + 2 ? Float(field.refined(i).distance) : coarse
                var t: Float
                if d.isInfinite {
                    t = d < 0 ? 1 : 0
                } else if d >= 0 {
                    t = 0.5 - d / Float(radius)
                } else {
                    let span = min(Float(radius), 2 * max(thickness[i], 1e-3))
                    t = 0.5 - d / span
                }
                t = min(max(t, 0), 1)
                result.values[i] = mode == .smoothstep ? t * t * (3 - 2 * t) : t
            }
            return result
        }
    }

    /// Selected in either: max(a, b).
    public func union(_ other: CoveragePlane) -> CoveragePlane { combined(other) { max($0, $1) } }

    /// Selected in both: min(a, b).
    public func intersection(_ other: CoveragePlane) -> CoveragePlane { combined(other) { min($0, $1) } }

    /// Selected here and not in `other`: min(a, 1 − b).
    public func subtracting(_ other: CoveragePlane) -> CoveragePlane { combined(other) { min($0, 1 - $1) } }

    /// 1 − a: selects exactly what was not selected.
    public func inverted() -> CoveragePlane {
        CoveragePlane(width: width, height: height, values: values.map { 1 - $0 })
    }

    private func combined(_ other: CoveragePlane, _ operation: (Float, Float) -> Float) -> CoveragePlane {
        precondition(other.size == size, "masks of different sizes: \(size) and \(other.size)")
        return CoveragePlane(width: width, height: height, values: zip(values, other.values).map(operation))
    }
}
