/// The transform that turns stored pixels upright: the 8 values of the EXIF/TIFF
/// Orientation tag (0x0112).
public enum Orientation: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// 1: already upright.
    case identity = 1
    /// 2: mirror left-right.
    case flipHorizontal = 2
    /// 3: rotate 180°.
    case rotate180 = 3
    /// 4: mirror top-bottom.
    case flipVertical = 4
    /// 5: transpose (mirror across the main diagonal; swaps width and height).
    case transpose = 5
    /// 6: rotate 90° clockwise.
    case rotate90Clockwise = 6
    /// 7: transverse (mirror across the anti-diagonal; swaps width and height).
    case transverse = 7
    /// 8: rotate 90° counter-clockwise.
    case rotate90CounterClockwise = 8

    /// Maps a raw tag value; values outside 1…8 (0, 9, …) mean upright.
    public init(exifValue: Int) {
        self = Orientation(rawValue: exifValue) ?? .identity
    }

    /// Whether applying it swaps width and height.
    public var swapsDimensions: Bool { rawValue >= 5 }

    /// The size after applying the transform to an image of `size`.
    public func uprightSize(of size: PixelSize) -> PixelSize {
        swapsDimensions ? PixelSize(width: size.height, height: size.width) : size
    }

    public var description: String {
        switch self {
        case .identity: "identity"
        case .flipHorizontal: "flip left-right"
        case .rotate180: "rotate 180"
        case .flipVertical: "flip top-bottom"
        case .transpose: "transpose"
        case .rotate90Clockwise: "rotate 90 clockwise"
        case .transverse: "transverse"
        case .rotate90CounterClockwise: "rotate 90 counter-clockwise"
        }
    }
}
