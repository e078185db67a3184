/// How the source reaches the output's aspect ratio.
public enum FitMode: String, Sendable, Hashable, CaseIterable {
    /// Cut the least possible from the source (default).
    case crop
    /// Add the least possible border around the source.
    case pad
    /// Scale each axis on its own: nothing cut or added, proportions change by as much
    /// as the ratios differ (sub-pixel when only rounding separates them).
    case stretch
}
