/// Which points a self-overlapping outline encloses.
public enum FillRule: String, Sendable, Hashable, CaseIterable, Codable {
    /// Inside where the winding number is not zero.
    case nonZero = "nonzero"
    /// Inside where the winding number is odd.
    case evenOdd = "evenodd"
}
