import EditProviders

/// Dollar amounts for text output.
enum Money {
    /// To the tenth of a cent: "0.211", "0.04".
    static func dollars(_ value: Double) -> String { CostEstimate.dollars(value) }
}
