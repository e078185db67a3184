extension String {
    /// The string padded with spaces to `width` characters for a text table; a string
    /// that already fills the column gets one space so columns never run together.
    func padded(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}

extension String {
    /// The string left-padded with zeros to `width` characters ("7" → "07").
    func paddedLeft(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
