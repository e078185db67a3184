import ImageCore
import ImageOps
import ImagePipeline

/// A mask shapes file (README "Shapes file"): JSON parsing, then every shape that parsed
/// rendered onto a small canvas, plain, inverted with an offset, and feathered, so the
/// numbers a file can carry (huge, negative, tiny) reach the rasterizer and the
/// distance and blur stages.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzShapes(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    guard let shapes = try? ShapesFile.parse(bytes, path: "fuzz.json"), !shapes.isEmpty else { return 0 }
    let size = PixelSize(width: 61, height: 37)
    let recipes = [
        MaskRecipe(shapes: shapes),
        MaskRecipe(shapes: shapes, invert: true, offset: 3.5),
        MaskRecipe(shapes: shapes, offset: -2, feather: MaskRecipe.Feather(radius: 4)),
    ]
    for recipe in recipes {
        guard let (mask, _) = try? recipe.apply(size: size, base: nil) else { continue }
        precondition(mask.width == size.width && mask.height == size.height, "the mask has the canvas size")
    }
    return 0
}
