/// The prompt as sent: the user's words, then one sentence per invariant (in the order
/// given, duplicates dropped).
public enum PromptBuilder {
    public static func prompt(_ text: String, invariants: [Invariant]) -> String {
        var seen = Set<Invariant>()
        let sentences = invariants.filter { seen.insert($0).inserted }.map(\.sentence)
        let base = text.trimmingTrailingWhitespace
        guard !sentences.isEmpty else { return base }
        guard !base.isEmpty else { return sentences.joined(separator: " ") }
        let joint = base.last.map { ".!?".contains($0) } == true ? " " : ". "
        return base + joint + sentences.joined(separator: " ")
    }
}

extension String {
    /// The string without trailing spaces and newlines.
    var trimmingTrailingWhitespace: String {
        var end = endIndex
        while end > startIndex, let last = self[..<end].last, last == " " || last == "\n" || last == "\t" || last == "\r" {
            end = index(before: end)
        }
        return String(self[..<end])
    }
}
