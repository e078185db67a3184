import ImageCore

extension Optional where Wrapped == PixelRect {
    /// "120x80 at 10,20" for a box; "none" without one.
    var boxText: String {
        map { "\($0.width)x\($0.height) at \($0.x),\($0.y)" } ?? "none"
    }
}
