/// Numbers for text output.
enum Decimals {
    /// `value` rounded to `decimals` places, printed as Swift prints a Double ("0.5",
    /// "12.0").
    static func format(_ value: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return String(rounded)
    }
}
