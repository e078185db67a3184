public import EditProviders
public import ImagePipeline

/// The drift guard of `retouch edit`: limits on the drift of a version against the source
/// (keys as in `retouch diff`'s budgets). A version over any limit is recorded `drifted`.
public struct DriftGuard: Sendable, Hashable {
    public var budgets: [Budget]

    /// Significant change outside the mask, against the source, at most 2 %.
    public static let `default` = DriftGuard(budgets: [Budget(metric: CompareMetric("significant.outside")!, limit: 0.02, isMaximum: true)])

    public init(budgets: [Budget]) {
        self.budgets = budgets
    }

    /// One sentence per limit `drift` breaks ("significant.outside = 0.031 is above the
    /// maximum 0.02"); metrics the drift does not hold (outside without a mask) are skipped.
    public func violations(of drift: EditDrift.Regions) -> [String] {
        budgets.compactMap { budget in
            guard let actual = try? budget.metric.value(whole: drift.whole, inside: drift.inside, outside: drift.outside, significant: drift.significant),
                  budget.isViolated(by: actual) else { return nil }
            return budget.describe(actual: actual)
        }
    }
}
