public import Testing

extension Tag {
    /// A test that takes seconds rather than milliseconds (whole-binary runs, large images,
    /// many random cases).
    @Tag public static var slow: Self
}
