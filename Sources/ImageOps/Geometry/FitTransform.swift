public import ImageCore

/// How output pixels relate to source pixels after a crop or pad and a scale; invertible,
/// so an edited result can be mapped back onto the source.
///
/// `sourceRect` is the region of the source (in source pixels, top-left origin) that
/// becomes the whole output; it extends past the source's edges where padding was added.
public struct FitTransform: Sendable, Hashable {
    public var sourceRect: PixelRect
    public var outputSize: PixelSize

    public init(sourceRect: PixelRect, outputSize: PixelSize) {
        self.sourceRect = sourceRect
        self.outputSize = outputSize
    }

    /// Output pixels per source pixel, horizontally and vertically.
    public var scaleX: Double { Double(outputSize.width) / Double(sourceRect.width) }
    public var scaleY: Double { Double(outputSize.height) / Double(sourceRect.height) }

    /// The source position of an output position (continuous coordinates).
    public func sourcePoint(forOutput point: Point) -> Point {
        Point(x: Double(sourceRect.x) + point.x / scaleX, y: Double(sourceRect.y) + point.y / scaleY)
    }

    /// The output position of a source position (continuous coordinates).
    public func outputPoint(forSource point: Point) -> Point {
        Point(x: (point.x - Double(sourceRect.x)) * scaleX, y: (point.y - Double(sourceRect.y)) * scaleY)
    }

    /// The part of the source that is cropped away or kept, as a rectangle inside it.
    public func keptSourceRect(sourceSize: PixelSize) -> PixelRect {
        sourceRect.intersection(PixelRect(size: sourceSize)) ?? PixelRect(x: 0, y: 0, width: 0, height: 0)
    }
}
