public import ImageCodecs
public import ImageCore
import ImageOps

/// Turns an image file into an upload a model accepts: upright, framed for a channel,
/// fitted to the model's size rules, resampled. The plan is made from the header alone,
/// so a JPEG can be decoded at a DCT scale (1/2, 1/4, 1/8) that still leaves at least
/// 2× the output size for the real filter.
public enum ImagePreparer {
    /// Long edge used for a model when no target is given: min(source, this).
    public static let defaultModelLongEdge = 2048

    /// Prepares `bytes`.
    ///
    /// `mask` (optional) must have the upright image's size; it gets the same geometry.
    /// - Throws: `CodecError` (unreadable input), `EditProviderError` (unknown or retired
    ///   model), `OperationError` (impossible size or aspect, mask of the wrong size).
    public static func prepare(_ bytes: [UInt8], request: PrepareRequest, mask: Mask? = nil,
                               limits: DecodingLimits = .default) throws -> PreparedImage {
        let metadata = try ImageCodec.readMetadata(bytes, limits: limits)
        let orientation = request.orient ? metadata.orientation : .identity
        let upright = orientation.uprightSize(of: PixelSize(width: metadata.width, height: metadata.height))
        if let mask, mask.size != upright {
            throw OperationError.invalidParameter(name: "mask size", value: "\(mask.size)", expected: "the upright image size \(upright)")
        }
        var warnings: [String] = []

        // 1. Sizes only: the aspect the output should have, the output size, the source region.
        var framed = upright
        if let ratio = aspectRatio(request) {
            framed = SizeFitter.regionSize(source: upright, output: ratio, mode: request.fit)
        }
        let profile = try request.model.map { id throws(EditProviderError) in try ModelCatalog.profile(for: id) }
        let output: PixelSize
        var experimental = false
        if let profile {
            let target = request.target ?? request.channel.map { .longEdge(max($0.size.width, $0.size.height)) }
                ?? .longEdge(min(max(framed.width, framed.height), defaultModelLongEdge))
            let plan = try SizeFitter.plan(source: framed, rules: profile.sizeRules, target: target, mode: request.fit)
            output = plan.outputSize
            experimental = plan.experimental
            warnings += plan.warnings
            if experimental { warnings.append("\(output.width)x\(output.height) is above \(profile.id)'s experimental threshold: results may vary more") }
        } else {
            output = unconstrainedOutput(framed: framed, request: request)
        }
        var fit = request.fit
        var region = SizeFitter.regionSize(source: upright, output: output, mode: fit)

        // 2. Decode, at a DCT scale when that leaves ≥ 2× the output.
        var denominator = 1
        if metadata.format == .jpeg && request.shrinkOnLoad {
            let shrink = min(Double(region.width) / Double(output.width), Double(region.height) / Double(output.height))
            denominator = [8, 4, 2].first { shrink >= 2 * Double($0) } ?? 1
        }
        // A centred or focal crop of an upright JPEG needs only its region decoded.
        let decodedSize = PixelSize(width: (metadata.width + denominator - 1) / denominator,
                                    height: (metadata.height + denominator - 1) / denominator)
        var early: PixelRect?
        if metadata.format == .jpeg && fit == .crop && region != upright && mask == nil
            && (orientation == .identity || !request.orient) {
            early = CropPlacement.placeBySize(cropSize(region, scale: Double(decodedSize.width) / Double(upright.width), within: decodedSize), in: decodedSize, gravity: request.gravity)
        }
        let decoded = try ImageCodec.decode(bytes, options: DecodingOptions(
            limits: limits, animation: .firstFrame, jpegScaleDenominator: denominator, jpegRegion: early))
        warnings += decoded.warnings
        let image = request.orient ? decoded.upright() : decoded.pixels
        /// Where `image` sits in the whole decoded (upright) frame.
        let origin = early.map { ($0.x, $0.y) } ?? (0, 0)
        let frame = early == nil ? image.size : decodedSize
        let scale = Double(frame.width) / Double(upright.width)

        // 3. Place the crop (gravity) or the pad (centred), in decoded pixels of the whole frame.
        var subject = mask
        if let mask, denominator > 1 { subject = Mask(resizing: mask, to: image.size) }
        var retention = 1.0
        var placed: PixelRect
        if let early {
            placed = early
            retention = Double(early.size.area) / Double(frame.area)
        } else if fit == .crop && region != upright {
            let placement = CropPlacement.place(cropSize(region, scale: scale, within: image.size), in: image, gravity: request.gravity, subject: subject)
            if request.gravity == .subject && !placement.subjectFits {
                fit = .pad
                region = SizeFitter.regionSize(source: upright, output: output, mode: .pad)
                warnings.append("the subject does not fit a crop at this ratio: padded instead")
                placed = centredPad(region, around: image.size, scale: scale)
            } else {
                placed = placement.rect
                retention = placement.retention
            }
        } else if fit == .pad {
            placed = centredPad(region, around: image.size, scale: scale)
        } else {
            placed = PixelRect(size: image.size)
        }

        // 4. Crop or pad, then resample (in `image`'s own coordinates).
        let local = PixelRect(x: placed.x - origin.0, y: placed.y - origin.1, width: placed.width, height: placed.height)
        let pixels: PixelBuffer
        if PixelRect(size: image.size).contains(local) {
            // A crop (or the whole frame): resample straight from the region, no copy.
            pixels = local.size == output ? try image.cropped(to: local) : image.resized(to: output, from: local, options: request.resample)
        } else {
            let padded = image.placed(on: local.size, at: (-local.x, -local.y), fill: fill(request.padColor, channel: request.channel, image: image))
            pixels = padded.size == output ? padded : padded.resized(to: output, options: request.resample)
        }

        // 5. The same geometry for the mask, in full-resolution upright pixels.
        let sourceRect = PixelRect(x: Int((Double(placed.x) / scale).rounded()), y: Int((Double(placed.y) / scale).rounded()),
                                   width: Int((Double(placed.width) / scale).rounded()), height: Int((Double(placed.height) / scale).rounded()))
        let outputMask = try mask.map { mask throws -> Mask in
            let kept: PixelBuffer
            if PixelRect(size: mask.size).contains(sourceRect) {
                kept = try mask.grayBuffer.cropped(to: sourceRect)
            } else {
                kept = mask.grayBuffer.placed(on: sourceRect.size, at: (-sourceRect.x, -sourceRect.y), fill: [0, 0, 0, 255]).converted(to: .gray8)
            }
            return Mask(kept.size == output ? kept : kept.resized(to: output, options: ResampleOptions(filter: .bilinear)))
        }

        let upscale = Double(output.width) / Double(sourceRect.width)
        if upscale > 1.01 {
            warnings.append("upscaled \((upscale * 100).rounded() / 100)×: the source region is only \(sourceRect.width)×\(sourceRect.height)")
        }
        let inside = PixelRect(size: upright)
        let report = PrepareReport(
            inputSize: PixelSize(width: metadata.width, height: metadata.height), orientation: orientation, uprightSize: upright,
            crop: inside.contains(sourceRect) && sourceRect != inside ? sourceRect : nil,
            pad: inside.contains(sourceRect) ? nil : PixelInsets(left: max(0, -sourceRect.x), top: max(0, -sourceRect.y),
                                                                  right: max(0, sourceRect.maxX - upright.width), bottom: max(0, sourceRect.maxY - upright.height)),
            scale: Double(output.width) / Double(sourceRect.width),
            transform: FitTransform(sourceRect: sourceRect, outputSize: output), outputSize: output,
            decodeScaleDenominator: denominator, modelID: profile?.id,
            modelValid: profile.map { $0.sizeRules.violations(of: output).isEmpty } ?? true,
            experimental: experimental, warnings: warnings, gravity: request.gravity, retention: retention)
        return PreparedImage(pixels: pixels, mask: outputMask, report: report)
    }

    /// The requested aspect as a size (width:height), or nil to keep the source's.
    static func aspectRatio(_ request: PrepareRequest) -> PixelSize? {
        if let aspect = request.aspect { return PixelSize(width: aspect.width, height: aspect.height) }
        return request.channel?.size
    }

    /// Output size without model rules: exact size; long edge or tier keeping the ratio;
    /// the channel's size; or the framed source size.
    static func unconstrainedOutput(framed: PixelSize, request: PrepareRequest) -> PixelSize {
        func withLongEdge(_ edge: Int) -> PixelSize {
            if framed.width >= framed.height {
                return PixelSize(width: edge, height: max(1, Int((Double(edge) * Double(framed.height) / Double(framed.width)).rounded())))
            }
            return PixelSize(width: max(1, Int((Double(edge) * Double(framed.width) / Double(framed.height)).rounded())), height: edge)
        }
        switch request.target {
        case .exact(let size): return size
        case .longEdge(let edge), .tier(let edge): return withLongEdge(edge)
        case nil: return request.channel?.size ?? framed
        }
    }

    /// A crop of `region` (source pixels) in decoded pixels, no larger than `size`.
    static func cropSize(_ region: PixelSize, scale: Double, within size: PixelSize) -> PixelSize {
        PixelSize(width: min(size.width, max(1, Int((Double(region.width) * scale).rounded()))),
                  height: min(size.height, max(1, Int((Double(region.height) * scale).rounded()))))
    }

    /// A pad region of `region` (source pixels) centred around an image of `size` (decoded pixels).
    static func centredPad(_ region: PixelSize, around size: PixelSize, scale: Double) -> PixelRect {
        let width = max(size.width, Int((Double(region.width) * scale).rounded()))
        let height = max(size.height, Int((Double(region.height) * scale).rounded()))
        return PixelRect(x: -(width - size.width) / 2, y: -(height - size.height) / 2, width: width, height: height)
    }

    static func fill(_ colour: PadColor, channel: ChannelPreset?, image: PixelBuffer) -> [UInt8] {
        switch colour {
        case .transparent: return [0, 0, 0, 0]
        case .color(let c): return [c.red, c.green, c.blue, 255]
        case .auto:
            if let background = channel?.background { return [background.red, background.green, background.blue, 255] }
            return image.borderColor
        }
    }
}
