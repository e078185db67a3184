public import ImageCore
import RealModule

/// Places a crop of a given size inside an image according to a `Gravity`.
public enum CropPlacement {
    /// Where the crop went and what it kept.
    public struct Result: Sendable, Hashable {
        /// The crop, inside the image.
        public var rect: PixelRect
        /// The share 0…1 of the importance mass the crop keeps, whatever the gravity:
        /// with a subject (alpha or mask), the sum of its coverage inside the crop over
        /// its sum in the image; otherwise the same of the attention map (edges,
        /// saturation, skin; see `AttentionMap`).
        public var retention: Double
        /// The share 0…1 of the image's area the crop keeps.
        public var areaKept: Double
        /// For `subject`: false when the subject cannot fit at this size (pad instead).
        public var subjectFits: Bool
    }

    /// Places a `cropSize` crop (each edge ≤ the image's) in `image`.
    ///
    /// `subject` is the coverage that `.subject` keeps whole (default: the image's alpha);
    /// `faces` (image pixels, from `FaceDetector`) are heads `.attention` keeps whole.
    public static func place(_ cropSize: PixelSize, in image: PixelBuffer, gravity: Gravity, subject: Mask? = nil, faces: [PixelRect] = []) -> Result {
        precondition(cropSize.width <= image.width && cropSize.height <= image.height, "crop \(cropSize) larger than image \(image.size)")
        let subjectMask = subject ?? alphaCoverage(image)
        let subjectBox = subjectBounds(subjectMask)
        var fits = true
        var attention: AttentionMap?
        let rect: PixelRect
        switch gravity {
        case .center, .focal, .focalPixels:
            rect = placeBySize(cropSize, in: image.size, gravity: gravity)!
        case .subject:
            if let box = subjectBox {
                fits = box.width <= cropSize.width && box.height <= cropSize.height
                rect = centred(cropSize, at: (Double(box.x) + Double(box.width) / 2, Double(box.y) + Double(box.height) / 2), in: image.size)
            } else {
                rect = centred(cropSize, at: (Double(image.width) / 2, Double(image.height) / 2), in: image.size)
            }
        case .entropy:
            rect = EntropyCrop.place(cropSize, in: image)
        case .attention:
            let map = AttentionMap(image, faces: faces)
            attention = map
            rect = map.bestCrop(cropSize)
        }
        let retention = subjectBox != nil ? massKept(subjectMask!, rect) : (attention ?? AttentionMap(image)).keptFraction(rect)
        return Result(rect: rect, retention: retention, areaKept: Double(rect.size.area) / Double(image.size.area), subjectFits: fits)
    }

    /// The share of `mask`'s coverage sum inside `rect`.
    static func massKept(_ mask: Mask, _ rect: PixelRect) -> Double {
        var inside = 0, total = 0
        mask.withUnsafeBytes { bytes in
            for y in 0..<mask.height {
                let row = y * mask.width
                var rowTotal = 0, rowInside = 0
                for x in 0..<mask.width {
                    let v = Int(bytes[row + x])
                    rowTotal += v
                    if x >= rect.x && x < rect.maxX { rowInside += v }
                }
                total += rowTotal
                if y >= rect.y && y < rect.maxY { inside += rowInside }
            }
        }
        return total > 0 ? Double(inside) / Double(total) : 1
    }

    /// The crop for the gravities that need no pixels (`center`, `focal`), so a decoder
    /// can be asked for just that region; nil for the others.
    public static func placeBySize(_ cropSize: PixelSize, in size: PixelSize, gravity: Gravity) -> PixelRect? {
        switch gravity {
        case .center: centred(cropSize, at: (Double(size.width) / 2, Double(size.height) / 2), in: size)
        case .focal(let fx, let fy): centred(cropSize, at: (fx * Double(size.width), fy * Double(size.height)), in: size)
        case .focalPixels(let x, let y): centred(cropSize, at: (x, y), in: size)
        case .entropy, .attention, .subject: nil
        }
    }

    /// The crop of `size` centred on a point, shifted to lie inside the image.
    static func centred(_ size: PixelSize, at point: (Double, Double), in image: PixelSize) -> PixelRect {
        // A focal point far outside (or not a number) lands at the nearest edge, never
        // through a trapping conversion.
        func clamped(_ v: Double, _ edge: Int) -> Double { v.isFinite ? min(max(v, -Double(edge)), 2 * Double(edge)) : Double(edge) / 2 }
        let x = Int((clamped(point.0, image.width) - Double(size.width) / 2).rounded())
        let y = Int((clamped(point.1, image.height) - Double(size.height) / 2).rounded())
        return PixelRect(x: min(max(0, x), image.width - size.width), y: min(max(0, y), image.height - size.height),
                         width: size.width, height: size.height)
    }

    /// The bounding box of coverage ≥ 128, or nil when nothing (or everything) is covered.
    public static func subjectBounds(_ mask: Mask?) -> PixelRect? {
        guard let mask else { return nil }
        var minX = mask.width, minY = mask.height, maxX = -1, maxY = -1
        mask.withUnsafeBytes { bytes in
            for y in 0..<mask.height {
                let row = y * mask.width
                for x in 0..<mask.width where bytes[row + x] >= 128 {
                    minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
                }
            }
        }
        guard maxX >= 0 else { return nil }
        let box = PixelRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
        return box.size == mask.size ? nil : box
    }

    /// The image's alpha as coverage, or nil when it is opaque.
    static func alphaCoverage(_ image: PixelBuffer) -> Mask? {
        guard image.format.layout.hasAlpha, !image.isOpaque else { return nil }
        return Mask(alphaOf: image)
    }
}
