import ImageCore
import RealModule

/// Entropy gravity: repeatedly trims whichever side (left/right, then top/bottom) has the
/// lower-entropy strip, as libvips' `interesting=entropy` does.
enum EntropyCrop {
    static func place(_ cropSize: PixelSize, in image: PixelBuffer) -> PixelRect {
        let luma = image.converted(to: .gray8)
        var rect = PixelRect(size: image.size)
        while rect.width > cropSize.width {
            let step = max(1, min(rect.width - cropSize.width, max(1, image.width / 20)))
            let left = entropy(luma, PixelRect(x: rect.x, y: rect.y, width: step, height: rect.height))
            let right = entropy(luma, PixelRect(x: rect.maxX - step, y: rect.y, width: step, height: rect.height))
            if left < right { rect.x += step }
            rect.width -= step
        }
        while rect.height > cropSize.height {
            let step = max(1, min(rect.height - cropSize.height, max(1, image.height / 20)))
            let top = entropy(luma, PixelRect(x: rect.x, y: rect.y, width: rect.width, height: step))
            let bottom = entropy(luma, PixelRect(x: rect.x, y: rect.maxY - step, width: rect.width, height: step))
            if top < bottom { rect.y += step }
            rect.height -= step
        }
        return rect
    }

    /// Shannon entropy (bits) of the grey histogram inside `rect`.
    static func entropy(_ gray: PixelBuffer, _ rect: PixelRect) -> Double {
        var histogram = [Int](repeating: 0, count: 256)
        gray.withUnsafeBytes { bytes in
            for y in rect.y..<rect.maxY {
                let row = y * gray.bytesPerRow
                for x in rect.x..<rect.maxX { histogram[Int(bytes[row + x])] += 1 }
            }
        }
        let total = Double(rect.size.area)
        return histogram.reduce(0.0) { sum, count in
            guard count > 0 else { return sum }
            let p = Double(count) / total
            return sum - p * Double.log2(p)
        }
    }
}
