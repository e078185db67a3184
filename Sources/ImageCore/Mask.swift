/// One 8-bit coverage plane: 0 = not selected, 255 = selected (the area an edit may
/// change), values between are partial coverage. Rows are packed (`bytesPerRow == width`).
///
/// Provider conventions (alpha 0 = edit, white = edit) are conversions done at the edge.
public struct Mask: Sendable, Equatable {
    /// Width in pixels (≥ 1).
    public let width: Int
    /// Height in pixels (≥ 1).
    public let height: Int
    private var coverage: [UInt8]

    /// A mask filled with one coverage value (0…255).
    public init(width: Int, height: Int, fill: UInt8 = 0) {
        precondition(width >= 1 && height >= 1, "mask size \(width)×\(height) must be at least 1×1")
        self.width = width
        self.height = height
        self.coverage = [UInt8](repeating: fill, count: width * height)
    }

    /// Adopts `coverage`, row-major, `width × height` bytes.
    public init(width: Int, height: Int, coverage: [UInt8]) {
        precondition(width >= 1 && height >= 1, "mask size \(width)×\(height) must be at least 1×1")
        precondition(coverage.count == width * height, "coverage has \(coverage.count) bytes, needs \(width * height)")
        self.width = width
        self.height = height
        self.coverage = coverage
    }

    public var size: PixelSize { PixelSize(width: width, height: height) }

    /// Bytes between rows; always `width`.
    public var bytesPerRow: Int { width }

    /// The coverage at (x, y), 0…255 (bounds-checked).
    public subscript(x: Int, y: Int) -> UInt8 {
        get {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "mask pixel (\(x), \(y)) outside \(width)×\(height)")
            return coverage[y * width + x]
        }
        set {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "mask pixel (\(x), \(y)) outside \(width)×\(height)")
            coverage[y * width + x] = newValue
        }
    }

    /// Read-only access to the coverage bytes, row-major.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try coverage.withUnsafeBytes(body)
    }

    /// Mutable access to the coverage bytes, row-major.
    public mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try coverage.withUnsafeMutableBytes(body)
    }

    /// The coverage bytes, row-major.
    public var bytes: [UInt8] { coverage }

    /// 255 − coverage everywhere: selects exactly what was not selected.
    public func inverted() -> Mask {
        Mask(width: width, height: height, coverage: coverage.map { 255 - $0 })
    }

    /// Number of pixels with coverage > 0.
    public var selectedPixelCount: Int { coverage.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }

    /// The mask as a `gray8` buffer (white = selected).
    public var grayBuffer: PixelBuffer {
        PixelBuffer(width: width, height: height, bytesPerRow: width, format: .gray8, bytes: coverage)
    }
}
