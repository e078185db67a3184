import Synchronization

/// The largest image, in pixels (width × height), that any decode or output of this
/// process may have: `DecodingLimits`' and `OutputLimits`' default. 120 megapixels
/// (480 MB as RGBA8) unless the program sets another once at start (the CLI reads
/// `RETOUCH_MAX_PIXELS`).
public enum PixelBudget {
    /// The built-in default.
    public static let standard = 120_000_000
    /// The range a process may choose: 1 pixel to 1 gigapixel.
    public static let allowed = 1...1_000_000_000
    private static let stored = Atomic<Int>(standard)

    public static var maxPixels: Int { stored.load(ordering: .relaxed) }

    /// Sets the budget for the rest of the process. `pixels` must be in `allowed`.
    public static func set(_ pixels: Int) {
        precondition(allowed.contains(pixels), "pixel budget \(pixels) outside \(allowed)")
        stored.store(pixels, ordering: .relaxed)
    }
}
