import ArgumentParser
import EditProviders
import ImageOps
import ImagePipeline

/// `retouch mask (--like IMAGE | --size WxH) [shapes…] -o MASK.png`.
struct MaskCommand: RetouchCommand {
    static let configuration = CommandConfiguration(
        commandName: "mask",
        abstract: "Draw, import, grow, feather and export an edit mask in the convention the provider expects.",
        discussion: """
            Order of work: start from --from (or empty), draw --shapes, then the --rect/--ellipse/--polygon/--stroke \
            shapes, then the --subtract-* shapes; --invert; --grow or --shrink; --feather. Coordinates are pixels or \
            percentages (25%) of the upright image. `openai` output is an RGBA PNG with alpha 0 where the edit may \
            happen (re-encoded at maximum compression above the model's mask limit, 4 MB for OpenAI); `white` is \
            greyscale, white = edit.
            """)

    @Option(name: .long, help: "Image whose upright size the mask takes (also the --preview background).") var like: String?
    @Option(name: .long, help: "Mask size WxH, without an image.") var size: String?
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add a rectangle X,Y,W,H[,RADIUS].") var rect: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add an ellipse CX,CY,RX,RY.") var ellipse: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add a polygon X1,Y1,X2,Y2,X3,Y3,… (nonzero fill).") var polygon: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add a brush stroke WIDTH:X1,Y1,X2,Y2,… (round joins and caps).") var stroke: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Subtract a rectangle X,Y,W,H[,RADIUS].") var subtractRect: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Subtract an ellipse CX,CY,RX,RY.") var subtractEllipse: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Subtract a polygon X1,Y1,….") var subtractPolygon: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Subtract a stroke WIDTH:X1,Y1,….") var subtractStroke: [String] = []
    @Option(name: .long, help: "JSON shapes file (see the README), drawn before the shape options.") var shapes: String?
    @Option(name: .long, help: "Start from this mask image (either convention; a cut-out's alpha protects its subject).") var from: String?
    @Option(name: .long, help: "How to read --from: alpha (alpha 0 = edit) or luma (white = edit); default: alpha when it has a meaningful alpha channel.") var fromChannel: MaskImport.Channel?
    @Flag(name: .long, help: "Invert the --from mask as it is read.") var invertInput = false
    @Flag(name: .long, help: "Invert the selection (after the shapes, before grow and feather).") var invert = false
    @Option(name: .long, parsing: .unconditional, help: "Grow the selection by PX pixels (fractional allowed).") var grow: Double?
    @Option(name: .long, parsing: .unconditional, help: "Shrink the selection by PX pixels.") var shrink: Double?
    @Option(name: .long, parsing: .unconditional, help: "Feather radius in pixels.") var feather: Double?
    @Option(name: .long, help: "Feather shape: gaussian (σ = r/2), ramp or smoothstep (width r across the edge).") var featherMode: FeatherMode = .gaussian
    @Option(name: .long, help: "Gaussian feather compatibility: retouch (σ = r/2) or gimp (σ = r/3.5).") var featherCompat: FeatherCompatibility = .retouch
    @Option(name: .customLong("for"), help: "Model whose mask rules apply (convention and byte limit; default \(ModelCatalog.defaultModelID)).") var model: String?
    @Option(name: .long, help: "Output convention: openai (RGBA, alpha 0 = edit) or white (grey, white = edit); default: the model's.") var convention: MaskConvention?
    @Option(name: .shortAndLong, help: "Output mask PNG.") var output: String
    @OptionGroup var overwriteOption: OverwriteOption
    @Option(name: .long, help: "Write the image with the edit area tinted and outlined.") var preview: String?
    @Flag(name: .long, help: "Print size, selected area and bounding box as JSON.") var json = false

    func validate() throws {
        if like != nil && size != nil { throw ValidationError("--like and --size exclude each other: the size comes from the image or is given, not both") }
        if like == nil && size == nil && from == nil { throw ValidationError("give --like IMAGE or --size WxH (or --from MASK)") }
        if let size { _ = try GeometryArguments.size(size, flag: "--size") }
        if fromChannel != nil && from == nil { throw ValidationError("--from-channel needs --from") }
        if invertInput && from == nil { throw ValidationError("--invert-input needs --from") }
        if grow != nil && shrink != nil { throw ValidationError("--grow and --shrink cannot be combined") }
        for (flag, value) in [("--grow", grow), ("--shrink", shrink), ("--feather", feather)] {
            if let value { _ = try GeometryArguments.distance(value, flag: flag) }
        }
        if preview != nil && like == nil { throw ValidationError("--preview needs --like IMAGE (the picture to draw on)") }
        _ = try commandLineShapes()
    }

    func run() async throws {
        let console = Console.current
        try OutputSafety.check(inputs: [like.map { ($0, "--like") }, from.map { ($0, "--from") }, shapes.map { ($0, "--shapes") }].compactMap { $0 },
                               outputs: [(output, "-o")] + (preview.map { [($0, "--preview")] } ?? []), overwriteInputs: overwriteOption.overwrite)
        let modelRules = try ModelCatalog.profile(for: model ?? ModelCatalog.defaultModelID).maskRules
        // An explicit convention other than the model's has no provider limit.
        let rules = convention.map { $0 == modelRules.convention ? modelRules : MaskRules(convention: $0) } ?? modelRules
        let recipe = MaskRecipe(
            shapes: try commandLineShapes(), invert: invert, offset: grow ?? -(shrink ?? 0),
            feather: feather.map { MaskRecipe.Feather(radius: $0, mode: featherMode, compatibility: featherCompat) })
        let report = try MaskJob.run(MaskJobOptions(
            likePath: like, size: try size.map { try GeometryArguments.size($0, flag: "--size") }, fromPath: from,
            fromChannel: fromChannel, invertInput: invertInput, shapesPath: shapes, recipe: recipe, rules: rules,
            outputPath: output, previewPath: preview))
        if json {
            console.print(ReportEncoder.text(report))
        } else {
            let s = report.statistics
            let box = s.boundingBox.boxText
            console.print("\(output): \(s.size.width)x\(s.size.height) \(report.convention.rawValue) mask, \(report.bytes) bytes")
            console.print("  selected \(s.selectedPixels) pixels (\(String((s.selectedPercent * 100).rounded() / 100)) % of the area), bounding box \(box)")
        }
        report.warnings.forEach { console.printError("warning: \(output): \($0)") }
    }

    /// The shape options in the documented order: adds, then subtracts.
    func commandLineShapes() throws -> [MaskShape] {
        var adds: [MaskShape] = [], subtracts: [MaskShape] = []
        for value in rect { adds.append(MaskShape(try ShapeArguments.rect(value))) }
        for value in ellipse { adds.append(MaskShape(try ShapeArguments.ellipse(value))) }
        for value in polygon { adds.append(MaskShape(try ShapeArguments.polygon(value))) }
        for value in stroke { adds.append(MaskShape(try ShapeArguments.stroke(value))) }
        for value in subtractRect { subtracts.append(MaskShape(try ShapeArguments.rect(value), operation: .subtract)) }
        for value in subtractEllipse { subtracts.append(MaskShape(try ShapeArguments.ellipse(value), operation: .subtract)) }
        for value in subtractPolygon { subtracts.append(MaskShape(try ShapeArguments.polygon(value), operation: .subtract)) }
        for value in subtractStroke { subtracts.append(MaskShape(try ShapeArguments.stroke(value), operation: .subtract)) }
        return adds + subtracts
    }
}
