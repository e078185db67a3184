/// A 2-D image: `height` rows of `bytesPerRow` bytes, top-left origin, row-major.
///
/// A value type with copy-on-write storage. Rows may be padded (`bytesPerRow` ≥
/// `width × format.bytesPerPixel`); every loop steps by `bytesPerRow`. Raw access is
/// only through `withUnsafeBytes` / `withUnsafeMutableBytes`.
public struct PixelBuffer: Sendable, Equatable {
    /// Width in pixels (≥ 1).
    public let width: Int
    /// Height in pixels (≥ 1).
    public let height: Int
    /// Distance between the starts of two rows, in bytes.
    public let bytesPerRow: Int
    public let format: PixelFormat
    private var storage: [UInt8]

    /// A zero-filled, tightly packed buffer.
    public init(width: Int, height: Int, format: PixelFormat = .rgba8) {
        let rowBytes = Self.checkedRowBytes(width: width, height: height, format: format)
        self.width = width
        self.height = height
        self.bytesPerRow = rowBytes
        self.format = format
        self.storage = [UInt8](repeating: 0, count: Self.checkedProduct(rowBytes, height))
    }

    /// Adopts `bytes` as pixel storage.
    ///
    /// - Precondition: `bytesPerRow ≥ width × bytesPerPixel` and `bytes` holds every row.
    public init(width: Int, height: Int, bytesPerRow: Int, format: PixelFormat, bytes: [UInt8]) {
        let rowBytes = Self.checkedRowBytes(width: width, height: height, format: format)
        precondition(bytesPerRow >= rowBytes, "bytesPerRow \(bytesPerRow) < \(rowBytes) for width \(width)")
        let needed = Self.checkedProduct(bytesPerRow, height - 1) + rowBytes
        precondition(bytes.count >= needed, "storage of \(bytes.count) bytes < \(needed) needed")
        self.width = width
        self.height = height
        self.bytesPerRow = bytesPerRow
        self.format = format
        self.storage = bytes
    }

    /// Creates a packed buffer and lets `body` fill every byte of it, without zeroing first.
    ///
    /// `body` receives the uninitialised storage (`bytesPerRow × height` bytes, then the
    /// `spareBytes`) and must write all of the pixels. Errors thrown by `body` propagate
    /// and no buffer is made. The `spareBytes` behind the pixels stay capacity only: a PNG
    /// decoder uses them while un-filtering rows in place, and an encoder handed the
    /// buffer with `height` spare bytes inserts its row filter bytes in place.
    public init(
        width: Int, height: Int, format: PixelFormat, spareBytes: Int = 0,
        initializingWith body: (UnsafeMutableRawBufferPointer, _ bytesPerRow: Int) throws -> Void
    ) rethrows {
        let rowBytes = Self.checkedRowBytes(width: width, height: height, format: format)
        let count = Self.checkedProduct(rowBytes, height)
        self.width = width
        self.height = height
        self.bytesPerRow = rowBytes
        self.format = format
        self.storage = try [UInt8](unsafeUninitializedCapacity: count + max(0, spareBytes)) { buffer, initialized in
            let whole = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[0..<(count + max(0, spareBytes))])
            LargeAllocation.adviseHugePages(whole)
            try body(whole, rowBytes)
            initialized = count
        }
    }

    /// The size in pixels.
    public var size: PixelSize { PixelSize(width: width, height: height) }

    /// Bytes of pixel data in one row (without padding).
    public var rowByteCount: Int { width * format.bytesPerPixel }

    /// Whether rows are stored without padding.
    public var isPacked: Bool { bytesPerRow == rowByteCount }

    /// Read-only access to the whole storage, rows `bytesPerRow` apart.
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        // Array's accessor is untyped `rethrows`; carry the typed error across it.
        let result = storage.withUnsafeBytes { bytes in Result { () throws(E) in try body(bytes) } }
        return try result.get()
    }

    /// Mutable access to the whole storage; copies first if the storage is shared.
    public mutating func withUnsafeMutableBytes<R, E: Error>(
        _ body: (UnsafeMutableRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        let result = storage.withUnsafeMutableBytes { bytes in Result { () throws(E) in try body(bytes) } }
        return try result.get()
    }

    /// The pixel bytes of row `y`, without padding.
    public func row(_ y: Int) -> ArraySlice<UInt8> {
        precondition(y >= 0 && y < height, "row \(y) outside 0..<\(height)")
        let start = y * bytesPerRow
        return storage[start..<start + rowByteCount]
    }

    /// The channel values of one pixel (bounds-checked; for tests and tools, not loops).
    public subscript(x: Int, y: Int) -> [UInt8] {
        get {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) outside \(width)×\(height)")
            let start = y * bytesPerRow + x * format.bytesPerPixel
            return Array(storage[start..<start + format.bytesPerPixel])
        }
        set {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) outside \(width)×\(height)")
            precondition(newValue.count == format.bytesPerPixel, "pixel needs \(format.bytesPerPixel) values")
            let start = y * bytesPerRow + x * format.bytesPerPixel
            storage.replaceSubrange(start..<start + format.bytesPerPixel, with: newValue)
        }
    }

    /// The pixel bytes with rows packed (no padding), top to bottom.
    public var packedBytes: [UInt8] {
        if isPacked && storage.count == rowByteCount * height { return storage }
        var result = [UInt8]()
        result.reserveCapacity(rowByteCount * height)
        for y in 0..<height { result.append(contentsOf: row(y)) }
        return result
    }

    /// Equal when size, format and every pixel byte match; row padding is ignored.
    public static func == (lhs: PixelBuffer, rhs: PixelBuffer) -> Bool {
        guard lhs.width == rhs.width, lhs.height == rhs.height, lhs.format == rhs.format else { return false }
        if lhs.bytesPerRow == rhs.bytesPerRow && lhs.storage == rhs.storage { return true }
        for y in 0..<lhs.height where lhs.row(y) != rhs.row(y) { return false }
        return true
    }

    private static func checkedRowBytes(width: Int, height: Int, format: PixelFormat) -> Int {
        precondition(width >= 1 && height >= 1, "image size \(width)×\(height) must be at least 1×1")
        return checkedProduct(width, format.bytesPerPixel)
    }

    private static func checkedProduct(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        precondition(!overflow, "size \(a) × \(b) overflows")
        return product
    }
}
