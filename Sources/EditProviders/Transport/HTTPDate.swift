/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7), as `Retry-After` may
/// carry it.
enum HTTPDate {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Seconds since 1970-01-01T00:00:00Z, or nil when `text` is not an IMF-fixdate: a
    /// two-digit day 1–31, a four-digit year, and a two-digit hh:mm:ss clock (hour 0–23,
    /// minute 0–59, second 0–60). Out-of-range fields are refused, never computed with.
    static func secondsSince1970(_ text: String) -> Double? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let month = months.firstIndex(of: String(parts[2])),
              let day = number(parts[1], digits: 2, in: 1...31), let year = number(parts[3], digits: 4, in: 0...9999) else { return nil }
        let clock = parts[4].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, let hour = number(clock[0], digits: 2, in: 0...23), let minute = number(clock[1], digits: 2, in: 0...59),
              let second = number(clock[2], digits: 2, in: 0...60) else { return nil }
        // Days from the civil date (Howard Hinnant's algorithm).
        let m = month + 1, y = m <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second)
    }

    /// `text` as a number of exactly `digits` ASCII digits within `range`.
    private static func number(_ text: Substring, digits: Int, in range: ClosedRange<Int>) -> Int? {
        guard text.utf8.count == digits, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(text), range.contains(value) else { return nil }
        return value
    }
}
