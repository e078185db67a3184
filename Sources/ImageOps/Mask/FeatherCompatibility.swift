/// How a feather radius r becomes a Gaussian σ.
public enum FeatherCompatibility: String, Sendable, Hashable, CaseIterable {
    /// σ = r / 2: the blur reaches about r on each side of the edge (2σ).
    case retouch
    /// σ = r / 3.5, as GIMP's "Feather selection" (its radius is about 3.5σ).
    case gimp

    /// σ in pixels for a feather radius in pixels.
    public func sigma(radius: Double) -> Double {
        switch self {
        case .retouch: radius / 2
        case .gimp: radius / 3.5
        }
    }
}
