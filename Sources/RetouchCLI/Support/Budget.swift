import ArgumentParser

/// One `--max KEY=VALUE` or `--min KEY=VALUE` of `retouch diff`.
struct Budget {
    let key: String
    let limit: Double
    let isMaximum: Bool

    init(_ text: String, flag: String) throws {
        let parts = text.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, let limit = Double(parts[1]), limit.isFinite else {
            throw ValidationError("\(flag) \(text): expected KEY=NUMBER, e.g. outside.changedFraction=0.01")
        }
        key = String(parts[0])
        self.limit = limit
        isMaximum = flag == "--max"
    }

    /// The report's value at `key` (`inside.`/`outside.` also find `regions.inside.`…).
    /// A null PSNR (identical images) is +∞.
    func actual(in report: JSONValue) throws -> Double {
        var path = key.split(separator: ".").map(String.init)
        if ["inside", "outside"].contains(path.first) { path.insert("regions", at: 0) }
        var value = report
        for component in path {
            guard case .object(let members) = value, let next = members.first(where: { $0.0 == component })?.1 else {
                throw CLIError.usage("budget key \(key) is not in the report; use a JSON path such as ssim, deltaE2000.p95, changedFraction, outside.changedFraction (outside/inside need --mask)")
            }
            value = next
        }
        switch value {
        case .int(let n): return Double(n)
        case .double(let d): return d
        case .null where path.last == "psnr": return .infinity
        default: throw CLIError.usage("budget key \(key) is not a number in the report")
        }
    }

    func isViolated(by actual: Double) -> Bool { isMaximum ? actual > limit : actual < limit }

    func describe(actual: Double) -> String {
        "\(key) = \(actual.isInfinite ? "inf" : String(actual)) is \(isMaximum ? "above the maximum" : "below the minimum") \(limit)"
    }
}
