public import ImageCore

extension PixelBuffer {
    /// The pixels inside `rect`, packed: the buffer itself (shared storage, no copy) when
    /// `rect` is the whole of a packed buffer, a copy otherwise.
    ///
    /// - Throws: `OperationError.rectOutsideImage` when `rect` is empty or not inside.
    public func cropped(to rect: PixelRect) throws(OperationError) -> PixelBuffer {
        guard !rect.isEmpty, PixelRect(size: size).contains(rect) else {
            throw .rectOutsideImage(rect, imageSize: size)
        }
        if rect == PixelRect(size: size) && isPacked { return self }
        let bpp = format.bytesPerPixel, rowBytes = rect.width * bpp
        return PixelBuffer(width: rect.width, height: rect.height, format: format) { destination, destinationStride in
            self.withUnsafeBytes { source in
                for y in 0..<rect.height {
                    let from = source.baseAddress! + (rect.y + y) * bytesPerRow + rect.x * bpp
                    (destination.baseAddress! + y * destinationStride).copyMemory(from: from, byteCount: rowBytes)
                }
            }
        }
    }

    /// The image placed on a `canvas`-sized background so that source pixel (0, 0) lands
    /// at `origin` (which may be negative: parts outside the canvas are cut).
    ///
    /// The result is `.rgba8` (straight); `fill` is straight RGBA (0…255 each).
    public func placed(on canvas: PixelSize, at origin: (x: Int, y: Int), fill: [UInt8]) -> PixelBuffer {
        precondition(fill.count == 4, "fill is RGBA")
        let source = converted(to: .rgba8)
        var result = PixelBuffer(width: canvas.width, height: canvas.height, format: .rgba8)
        let pattern = UInt32(fill[0]) | UInt32(fill[1]) << 8 | UInt32(fill[2]) << 16 | UInt32(fill[3]) << 24
        let visible = PixelRect(x: origin.x, y: origin.y, width: width, height: height).intersection(PixelRect(size: canvas))
        result.withUnsafeMutableBytes { destination in
            let words = destination.bindMemory(to: UInt32.self)
            for i in 0..<words.count { words[i] = pattern.littleEndian }
            guard let visible else { return }
            source.withUnsafeBytes { bytes in
                for y in visible.y..<visible.maxY {
                    let from = bytes.baseAddress! + (y - origin.y) * source.bytesPerRow + (visible.x - origin.x) * 4
                    (destination.baseAddress! + y * canvas.width * 4 + visible.x * 4).copyMemory(from: from, byteCount: visible.width * 4)
                }
            }
        }
        return result
    }

    /// The median colour of the outermost ring of pixels (1 px wide), as straight RGBA:
    /// the `auto` pad colour.
    public var borderColor: [UInt8] {
        let rgba = converted(to: .rgba8)
        var channels: [[UInt8]] = [[], [], [], []]
        func add(_ x: Int, _ y: Int) {
            let pixel = rgba[x, y]
            for c in 0..<4 { channels[c].append(pixel[c]) }
        }
        let step = max(1, (width + height) / 2000)
        for x in stride(from: 0, to: width, by: step) { add(x, 0); add(x, height - 1) }
        for y in stride(from: 0, to: height, by: step) { add(0, y); add(width - 1, y) }
        return channels.map { values in values.sorted()[values.count / 2] }
    }
}
