public import ImageCore

/// A subject on a plain studio backdrop → the subject with a real alpha channel.
///
/// 1. Model the backdrop from the border ring (`BackdropModel`): flat or a smooth
///    gradient, with its noise; the tolerance is 4 noise σ, at least 3 levels (8 for lossy
///    input), at most 40.
/// 2. Background = pixels within the tolerance connected to the border, plus compression
///    speckles beside edges (lossy input) and tiny weak islands (`CutoutSegmentation`). Everything not
///    reached is foreground, so white parts inside a white product stay opaque.
/// 3. Enclosed regions within the tolerance (ring holes, letter counters, mesh cells) are
///    removed when they are large enough, as flat as the border, fenced by a real edge,
///    and a minority of the subject around them (a white product's body is most of it;
///    `CutoutOptions.Holes`).
/// 4. Shadows: pixels connected to the background that are darker than the backdrop by
///    a nearly channel-constant, smoothly varying factor become black at alpha 1 − factor
///    (or transparent with `.drop`). A product's grey outline is not smooth, so a shadow
///    never grows into it; a level light surface (a sole, a white body) is not a shadow's
///    fade, and a shadow starts where the backdrop fades into it, not at a step. The
///    shadow's faint outer fringe, which compression makes uneven, joins it where it lies
///    between shadow and backdrop away from the product. Then, for lossy input, the
///    backdrop's ringing pockets between pieces of the subject, centred on the backdrop
///    but beyond the tolerance, join the background (after the shadows, whose faint
///    fringe is near the backdrop too).
/// 5. Soft edges: in a 2-pixel band at the boundary (3 for lossy input), alpha is solved from
///    x = αF + (1 − α)B with B the local backdrop and F the nearby confident foreground,
///    and the colour is decontaminated: F̂ = B + (x − B)/α, blended toward F where α is
///    small. Output is straight-alpha RGBA8. An input with transparency keeps its own
///    transparent and partly transparent pixels (`keepTransparency`): only its opaque part
///    is cut.
public enum Cutout {
    /// Largest colour tolerance (8-bit RGB distance), whatever the border noise.
    public static let maximumTolerance = 40.0
    /// Border noise above which the image is reported as not a plain backdrop.
    public static let noisyBorder = 10.0

    /// `image` is consumed: when the caller passes its last reference, the decoded pixels
    /// are released as soon as their RGB copy exists.
    public static func apply(_ image: consuming PixelBuffer, options: CutoutOptions = CutoutOptions()) -> (image: PixelBuffer, report: CutoutReport) {
        let white = RGB8(red: 255, green: 255, blue: 255)
        let transparent = image.format.layout.hasAlpha && !image.isOpaque
        var segmentation: CutoutSegmentation
        // An input that already has transparency keeps it: its own alpha is a matte.
        var original: PixelBuffer?
        do {
            let rgb: PixelBuffer
            if transparent {
                let rgba = image.converted(to: .rgba8)
                original = rgba
                rgb = rgba.composited(over: white).converted(to: .rgb8)
            } else {
                rgb = image.converted(to: .rgb8)
            }
            _ = consume image
            segmentation = CutoutSegmentation(rgb, options: options)
        }
        segmentation.markBackground()
        if options.lossyInput { segmentation.findSpeckles() }
        segmentation.clearSpeckles()
        segmentation.findShadows()
        segmentation.absorbShadowFringe()
        if options.lossyInput { segmentation.joinRingingPockets() }
        segmentation.removeHoles(options.holes)
        if segmentation.holesRemoved > 0 { segmentation.clearSpeckles() }   // the speckles inside them go too
        segmentation.removeIslands()
        var rendered = segmentation.render(shadows: options.shadows)
        if let original { keepTransparency(of: original, in: &rendered.image) }

        let model = segmentation.model, w = segmentation.width, h = segmentation.height
        var warnings: [String] = []
        if model.noise > noisyBorder {
            warnings.append("the border varies by \(Int(model.noise.rounded())) levels around any flat colour or gradient: this does not look like a plain studio backdrop")
        }
        if model.borderAgreement < 0.9 {
            warnings.append("only \(Int((model.borderAgreement * 100).rounded())) % of the border fits one backdrop colour or gradient: this may not be a product on a plain backdrop")
        }
        let fraction = Double(rendered.foreground) / Double(segmentation.count)
        if fraction < 0.002 { warnings.append("almost nothing stands out from the backdrop") }
        if fraction > 0.95 { warnings.append("almost everything differs from the backdrop: no plain backdrop found") }
        let border = Double(2 * (w + h)), touches = Double(segmentation.foregroundOnBorder)
        if touches > 0.2 * border { warnings.append("the subject touches \(Int(touches * 100 / border)) % of the image border") }

        let report = CutoutReport(
            backdrop: model.meanColour, backdropKind: model.isFlat ? "flat" : "gradient", noise: model.noise,
            lossyInput: options.lossyInput, tolerance: segmentation.tolerance, foregroundFraction: fraction,
            subjectBox: rendered.subjectBox, holesRemoved: segmentation.holesRemoved, shadowPixels: segmentation.shadowCount,
            warnings: warnings)
        return (rendered.image, report)
    }

    /// Where `original` (straight RGBA8) is not opaque, its own pixel replaces the cut's:
    /// transparent stays transparent, and a partly transparent pixel (a feathered edge
    /// someone already made) keeps its alpha and straight colour instead of being cut
    /// again from its blend with white (which left a white glow and cut into white rims).
    /// Opaque pixels keep the cut (a backdrop inside them still goes).
    static func keepTransparency(of original: PixelBuffer, in cut: inout PixelBuffer) {
        precondition(original.size == cut.size && original.format == .rgba8 && cut.format == .rgba8, "sizes or formats differ")
        let targetRow = cut.bytesPerRow
        original.withUnsafeBytes { source in
            cut.withUnsafeMutableBytes { target in
                for y in 0..<original.height {
                    let from = y * original.bytesPerRow, to = y * targetRow
                    for x in 0..<original.width where source[from + 4 * x + 3] < 255 {
                        for c in 0..<4 { target[to + 4 * x + c] = source[from + 4 * x + 3] == 0 ? 0 : source[from + 4 * x + c] }
                    }
                }
            }
        }
    }
}
