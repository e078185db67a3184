extension PixelBuffer: CustomStringConvertible, CustomDebugStringConvertible {
    /// `PixelBuffer(600×400 rgba8, 2400 bytes/row)`; never the pixel bytes.
    public var description: String {
        "PixelBuffer(\(width)×\(height) \(format), \(bytesPerRow) bytes/row)"
    }

    public var debugDescription: String { description }
}

extension Mask: CustomStringConvertible, CustomDebugStringConvertible {
    /// `Mask(600×400, 1234 pixels selected)`; never the coverage bytes.
    public var description: String {
        "Mask(\(width)×\(height), \(selectedPixelCount) pixels selected)"
    }

    public var debugDescription: String { description }
}
