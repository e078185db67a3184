/// How `feathered` softens a mask's edge.
public enum FeatherMode: String, Sendable, Hashable, CaseIterable {
    /// A Gaussian blur of the coverage (σ from `FeatherCompatibility`).
    case gaussian
    /// A linear ramp of the feather width across the 0.5 contour, from the signed
    /// distance: nothing spills more than half the width outside, and parts thinner than
    /// the width stay fully selected along their middle.
    case ramp
    /// The ramp passed through smoothstep (3t² − 2t³): the same extent, softer ends.
    case smoothstep
}
