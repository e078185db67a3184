import ArgumentParser
import EditProviders
#if canImport(FoundationEssentials)
import FoundationEssentials   // JSONDecoder without ICU
#else
import Foundation
#endif
import ImageCodecs
import ImageCore
import ImageOps

extension RootCommand {
    /// `retouch mask (--like IMAGE | --size WxH) [shapes…] -o MASK.png`.
    struct MaskCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mask",
            abstract: "Draw, import, grow, feather and export an edit mask in the convention the provider expects.",
            discussion: """
                Order of work: start from --from (or empty), draw --shapes, then the --rect/--ellipse/--polygon/--stroke \
                shapes, then the --subtract-* shapes; --invert; --grow or --shrink; --feather. Coordinates are pixels or \
                percentages (25%) of the upright image. `openai` output is an RGBA PNG with alpha 0 where the edit may \
                happen (re-encoded at maximum compression above 4 MB, the OpenAI mask limit); `white` is greyscale, \
                white = edit.
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
        @Option(name: .long, help: "How to read --from: alpha (alpha 0 = edit) or luma (white = edit); default: alpha when it has a meaningful alpha channel.") var fromChannel: String?
        @Flag(name: .long, help: "Invert the --from mask as it is read.") var invertInput = false
        @Flag(name: .long, help: "Invert the selection (after the shapes, before grow and feather).") var invert = false
        @Option(name: .long, help: "Grow the selection by PX pixels (fractional allowed).") var grow: Double?
        @Option(name: .long, help: "Shrink the selection by PX pixels.") var shrink: Double?
        @Option(name: .long, help: "Feather radius in pixels.") var feather: Double?
        @Option(name: .long, help: "Feather shape: gaussian (σ = r/2), ramp or smoothstep (width r across the edge).") var featherMode: String = "gaussian"
        @Option(name: .long, help: "Gaussian feather compatibility: retouch (σ = r/2) or gimp (σ = r/3.5).") var featherCompat: String = "retouch"
        @Option(name: .long, help: "Output convention: openai (RGBA, alpha 0 = edit) or white (grey, white = edit).") var convention: String = "openai"
        @Option(name: .shortAndLong, help: "Output mask PNG.") var output: String
        @Option(name: .long, help: "Write the image with the edit area tinted and outlined.") var preview: String?
        @Flag(name: .long, help: "Print size, selected area and bounding box as JSON.") var json = false

        func validate() throws {
            if (like == nil) == (size == nil) && from == nil { throw ValidationError("give --like IMAGE or --size WxH (or --from MASK)") }
            if like != nil && size != nil { throw ValidationError("--like and --size cannot be combined") }
            if let size { _ = try GeometryArguments.size(size, flag: "--size") }
            if let fromChannel, !["alpha", "luma"].contains(fromChannel) { throw ValidationError("--from-channel \(fromChannel): expected alpha or luma") }
            if fromChannel != nil && from == nil { throw ValidationError("--from-channel needs --from") }
            if invertInput && from == nil { throw ValidationError("--invert-input needs --from") }
            if grow != nil && shrink != nil { throw ValidationError("--grow and --shrink cannot be combined") }
            for (flag, value) in [("--grow", grow), ("--shrink", shrink), ("--feather", feather)] {
                if let value, !(value >= 0 && value.isFinite) { throw ValidationError("\(flag) \(value): expected a distance ≥ 0 in pixels") }
            }
            if FeatherMode(rawValue: featherMode) == nil { throw ValidationError("--feather-mode \(featherMode): expected gaussian, ramp or smoothstep") }
            if FeatherCompatibility(rawValue: featherCompat) == nil { throw ValidationError("--feather-compat \(featherCompat): expected retouch or gimp") }
            if MaskConvention(rawValue: convention) == nil { throw ValidationError("--convention \(convention): expected openai or white") }
            if preview != nil && like == nil { throw ValidationError("--preview needs --like IMAGE (the picture to draw on)") }
            _ = try commandLineShapes()
        }

        func run() async throws {
            let console = Console.current
            do {
                var image: PixelBuffer?
                var canvas: PixelSize?
                if let like {
                    let bytes = try FileAccess.read(like)
                    if preview != nil {
                        image = try ImageCodec.decode(bytes, options: DecodingOptions(animation: .firstFrame)).upright()
                        canvas = image!.size
                    } else {
                        canvas = try ImageCodec.readMetadata(bytes).uprightSize
                    }
                }
                if let size { canvas = try GeometryArguments.size(size, flag: "--size") }

                var imported: Mask?
                if let from {
                    var read = try Self.importMask(from, channel: fromChannel)
                    if invertInput { read = read.inverted() }
                    if let canvas, read.size != canvas {
                        throw CLIError.usage("\(from) is \(read.width)x\(read.height), the mask must be \(canvas.width)x\(canvas.height)")
                    }
                    canvas = read.size
                    imported = read
                }
                guard let canvas else { throw CLIError.usage("no mask size: give --like or --size") }

                var allShapes: [MaskShape] = []
                if let shapes { allShapes += try Self.readShapes(shapes) }
                allShapes += try commandLineShapes()
                let mode = FeatherMode(rawValue: featherMode)!, compatibility = FeatherCompatibility(rawValue: featherCompat)!
                let mask: Mask
                var coverage: CoveragePlane?
                if var bytes = imported, allShapes.isEmpty, !invert, grow == nil, shrink == nil, feather == nil || mode == .gaussian {
                    // An imported mask, at most blurred: stays 8-bit (no Float plane).
                    imported = nil
                    if let feather { bytes.blur(sigma: compatibility.sigma(radius: feather)) }
                    mask = bytes
                } else {
                    var plane = try ShapeRenderer.render(allShapes, size: canvas, base: imported.map(CoveragePlane.init))
                    imported = nil
                    if invert { plane = plane.inverted() }
                    if let grow { plane = plane.offset(by: grow) }
                    if let shrink { plane = plane.offset(by: -shrink) }
                    if let feather { plane.feather(radius: feather, mode: mode, compatibility: compatibility) }
                    mask = plane.mask
                    coverage = plane
                }

                let target = MaskConvention(rawValue: convention)!
                // Everything that reads the mask comes first, so the encoder can take it over.
                let statistics = MaskStatistics(mask)
                let overlay = preview.map { _ in MaskPreview.render(coverage ?? CoveragePlane(mask), over: image) }
                coverage = nil
                let encoded = try Self.encode(consume mask, convention: target, path: output)
                try FileAccess.write(encoded, to: output)
                if let preview, let overlay {
                    try FileAccess.write(try ImageCodec.encode(overlay, options: .png(.default)), to: preview)
                }

                var warnings: [String] = []
                if statistics.selectsNothing { warnings.append("the mask selects nothing: an edit with it changes no pixel") }
                if statistics.selectsEverything { warnings.append("the mask selects everything: the whole image may change") }
                if json {
                    console.print(Self.report(statistics, output: output, convention: target, bytes: encoded.count, warnings: warnings).rendered(pretty: true))
                } else {
                    let box = statistics.boundingBox.map { "\($0.width)x\($0.height) at \($0.x),\($0.y)" } ?? "none"
                    console.print("\(output): \(canvas.width)x\(canvas.height) \(target.rawValue) mask, \(encoded.count) bytes")
                    console.print("  selected \(statistics.selectedPixels) pixels (\(Self.percent(statistics.selectedPercent)) % of the area), bounding box \(box)")
                }
                warnings.forEach { console.printError("warning: \(output): \($0)") }
            } catch {
                throw ErrorReporting.exit(error, file: from ?? like ?? shapes)
            }
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

        /// A shapes file: a JSON array of shapes, or an object with a "shapes" array.
        static func readShapes(_ path: String) throws -> [MaskShape] {
            let bytes = try FileAccess.read(path)
            struct Wrapped: Decodable { let shapes: [MaskShape] }
            let decoder = JSONDecoder()
            do {
                if bytes.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) == UInt8(ascii: "[") {
                    return try decoder.decode([MaskShape].self, from: Data(bytes))
                }
                return try decoder.decode(Wrapped.self, from: Data(bytes)).shapes
            } catch let error as DecodingError {
                throw CLIError.usage("\(path): not a shapes file: \(ShapeArguments.describe(error))")
            }
        }

        /// The mask in `path`: its alpha (`alpha`) or luma (`luma`) as coverage, detected
        /// when `channel` is nil. The decoded picture is gone on return, so the mask's
        /// bytes are its own (blurred in place, then encoded in place).
        static func importMask(_ path: String, channel: String?) throws -> Mask {
            let source = try ImageCodec.decode(try FileAccess.read(path), options: DecodingOptions(animation: .firstFrame, keepGray: true)).upright()
            let reading: MaskConvention = channel.map { $0 == "alpha" ? .openai : .white } ?? MaskConvention.detect(source)
            return reading.mask(from: consume source)
        }

        /// The PNG for `convention`; an `openai` mask over the provider's limit is
        /// re-encoded at maximum compression, and refused if still too large.
        static func encode(_ mask: consuming Mask, convention: MaskConvention, path: String) throws -> [UInt8] {
            let image = convention.image(from: consume mask)
            guard convention == .openai else {
                return try ImageCodec.encode(consume image, options: .png(PNGEncodingOptions(reduceChannels: true)))
            }
            var encoded = try ImageCodec.encode(consume image, options: .png(PNGEncodingOptions(reduceChannels: false)))
            let limit = try ModelCatalog.profile(for: "gpt-image-2").maxMaskBytes
            if encoded.count > limit {
                // The encoder filtered the picture in place: read it back from the PNG.
                let image = try ImageCodec.decode(encoded).pixels
                encoded = try ImageCodec.encode(image, options: .png(PNGEncodingOptions(compressionLevel: 12, filter: .adaptive, reduceChannels: false)))
                if encoded.count > limit {
                    throw CLIError.outputTooLarge(path: path, bytes: encoded.count, limit: limit, what: "OpenAI masks")
                }
            }
            return encoded
        }

        static func report(_ s: MaskStatistics, output: String, convention: MaskConvention, bytes: Int, warnings: [String]) -> JSONValue {
            .object([
                ("output", .string(output)),
                ("width", .int(s.size.width)), ("height", .int(s.size.height)),
                ("convention", .string(convention.rawValue)),
                ("bytes", .int(bytes)),
                ("selectedPixels", .int(s.selectedPixels)),
                ("selectedArea", .double((s.selectedArea * 100).rounded() / 100)),
                ("selectedPercent", .double((s.selectedPercent * 1000).rounded() / 1000)),
                ("boundingBox", s.boundingBox.map { .object([("x", .int($0.x)), ("y", .int($0.y)), ("width", .int($0.width)), ("height", .int($0.height))]) } ?? .null),
                ("warnings", .array(warnings.map(JSONValue.string))),
            ])
        }

        static func percent(_ value: Double) -> String { String((value * 100).rounded() / 100) }
    }
}
