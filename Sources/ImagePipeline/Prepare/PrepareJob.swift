public import ImageCodecs
public import ImageCore
public import ImageOps

/// Turns an image into an upload a model accepts: upright, framed for a channel, fitted
/// to the size rules, resampled. `plan` reads the header alone, so a JPEG can be decoded
/// at a DCT scale (1/2, 1/4, 1/8) that still leaves at least 2× the output size for the
/// real filter, and only its crop decoded; `execute` does the pixel work; `run` is the
/// whole verb, from file to file.
public enum PrepareJob {
    /// Long edge used under size rules when no target is given: min(source, this).
    public static let defaultRulesLongEdge = 2048

    /// The plan for an image with this header. `withMask`: a mask will be carried through
    /// (it then needs the whole frame decoded).
    ///
    /// - Throws: `OperationError` for an impossible size or aspect, or an output or padded
    ///   frame over `OutputLimits` (before anything is decoded or allocated).
    public static func plan(_ metadata: ImageMetadata, options: PrepareOptions, withMask: Bool = false) throws(OperationError) -> PreparePlan {
        let orientation = options.orient ? metadata.orientation : .identity
        let stored = PixelSize(width: metadata.width, height: metadata.height)
        let upright = orientation.uprightSize(of: stored)
        let gravity = options.gravity.resolved(in: upright)
        var warnings: [String] = []

        // The aspect the output should have, the output size, the source region.
        var framed = upright
        if let ratio = aspectRatio(options) {
            framed = SizeFitter.regionSize(source: upright, output: ratio, mode: options.fit)
        }
        let output: PixelSize
        var experimental = false
        if let rules = options.sizeRules {
            let target = options.target ?? options.channel.map { .longEdge(max($0.size.width, $0.size.height)) }
                ?? .longEdge(min(max(framed.width, framed.height), defaultRulesLongEdge))
            let fitted = try SizeFitter.plan(source: framed, rules: rules, target: target, mode: options.fit)
            output = fitted.outputSize
            experimental = fitted.experimental
            warnings += fitted.warnings
            if experimental {
                warnings.append("\(output.width)x\(output.height) is above \(options.sizeRulesName ?? "the rules")'s experimental threshold: results may vary more")
            }
        } else {
            output = unconstrainedOutput(framed: framed, options: options)
        }
        warnings += overrides(output: output, options: options)
        try OutputLimits.check(output, what: "the output")
        let region = SizeFitter.regionSize(source: upright, output: output, mode: options.fit)
        // A pad region is allocated at source scale before the resample.
        try OutputLimits.check(region, what: "the padded frame")

        // Decode at a DCT scale when that leaves ≥ 2× the output.
        var denominator = 1
        if metadata.format == .jpeg && options.shrinkOnLoad {
            let shrink = min(Double(region.width) / Double(output.width), Double(region.height) / Double(output.height))
            denominator = [8, 4, 2].first { shrink >= 2 * Double($0) } ?? 1
        }
        let decodedStored = PixelSize(width: (stored.width + denominator - 1) / denominator,
                                      height: (stored.height + denominator - 1) / denominator)
        let decoded = orientation.uprightSize(of: decodedStored)
        let scale = Double(decoded.width) / Double(upright.width)

        // Where the crop or pad goes, when the header decides it.
        var placement: PixelRect?
        var jpegRegion: PixelRect?
        if options.fit == .crop && region != upright {
            placement = CropPlacement.placeBySize(cropSize(region, scale: scale, within: decoded), in: decoded, gravity: gravity)
            // A centred or focal crop of an upright JPEG needs only its region decoded.
            if metadata.format == .jpeg && !withMask && orientation == .identity { jpegRegion = placement }
        } else if options.fit == .pad {
            placement = centredPad(region, around: decoded, scale: scale)
        } else {
            placement = PixelRect(size: decoded)
        }
        return PreparePlan(
            format: metadata.format, inputSize: stored, orientation: orientation, uprightSize: upright,
            outputSize: output, regionSize: region, fit: options.fit, gravity: gravity, decodeScaleDenominator: denominator,
            decodedSize: decoded, jpegRegion: jpegRegion, placement: placement, experimental: experimental,
            warnings: warnings, sizeValid: options.sizeRules.map { $0.violations(of: output).isEmpty } ?? true)
    }

    /// Carries out `plan` on the image in `bytes` (the file the plan was made from).
    ///
    /// `mask` (optional) must have the upright image's size; it gets the same geometry.
    /// - Throws: `CodecError` (unreadable input), `OperationError.sizeMismatch` (mask).
    public static func execute(_ plan: PreparePlan, bytes: [UInt8], options: PrepareOptions, mask: Mask? = nil,
                               limits: DecodingLimits = .default) throws -> PreparedImage {
        if let mask, mask.size != plan.uprightSize {
            throw OperationError.sizeMismatch(what: "the mask", size: mask.size, expected: plan.uprightSize, of: "the image")
        }
        let decoded = try ImageCodec.decode(bytes, options: DecodingOptions(
            limits: limits, animation: .firstFrame, jpegScaleDenominator: plan.decodeScaleDenominator, jpegRegion: plan.jpegRegion,
            colour: options.keepICC ? .keepOriginal : .convertToSRGB))
        let image = options.orient ? decoded.upright() : decoded.pixels
        return try frame(plan, image: image, options: options, mask: mask, warnings: plan.warnings + decoded.warnings)
    }

    /// Carries out `plan` on pixels already decoded whole (at full scale, upright when
    /// `options.orient`): for callers that need the source's pixels anyway, so the file
    /// is decoded once.
    ///
    /// - Throws: `OperationError.sizeMismatch` when `image` or `mask` is not the frame the
    ///   plan expects (a plan made with a DCT scale or a JPEG region needs `execute(_:bytes:)`).
    public static func execute(_ plan: PreparePlan, decoded image: PixelBuffer, options: PrepareOptions, mask: Mask? = nil) throws -> PreparedImage {
        if let mask, mask.size != plan.uprightSize {
            throw OperationError.sizeMismatch(what: "the mask", size: mask.size, expected: plan.uprightSize, of: "the image")
        }
        guard plan.decodeScaleDenominator == 1, plan.jpegRegion == nil, image.size == plan.decodedSize else {
            throw OperationError.sizeMismatch(what: "the decoded image", size: image.size, expected: plan.decodedSize,
                                              of: "a plan decoded at 1/\(plan.decodeScaleDenominator)\(plan.jpegRegion == nil ? "" : " in a region")")
        }
        return try frame(plan, image: image, options: options, mask: mask, warnings: plan.warnings)
    }

    /// The crop or pad, the resample and the mask's geometry, on the decoded `image`.
    static func frame(_ plan: PreparePlan, image: PixelBuffer, options: PrepareOptions, mask: Mask?, warnings: [String]) throws -> PreparedImage {
        let upright = plan.uprightSize
        var warnings = warnings
        let output = plan.outputSize
        let early = plan.jpegRegion
        /// Where `image` sits in the whole decoded (upright) frame.
        let origin = early.map { ($0.x, $0.y) } ?? (0, 0)
        let frame = early == nil ? image.size : plan.decodedSize
        let scale = Double(frame.width) / Double(upright.width)

        // Place the crop by its gravity (the plan's centred or focal rectangle, or one
        // the pixels decide), in decoded pixels; the pad or whole frame as planned.
        var subject = mask
        if let mask, plan.decodeScaleDenominator > 1 { subject = Mask(resizing: mask, to: image.size) }
        var retention: Double? = 1
        var placed: PixelRect
        if let early {
            placed = early
            retention = nil
        } else if plan.fit == .crop && plan.regionSize != upright {
            let crop = cropSize(plan.regionSize, scale: scale, within: image.size)
            var faces: [PixelRect] = []
            if plan.gravity == .attention {
                if FaceCascades.loaded.isEmpty {
                    warnings.append("attention found no face detector (install opencv-data for OpenCV's Haar face cascades): faces are weighed by colour and edges only")
                } else {
                    faces = FaceCascades.faces(in: image)
                }
            }
            let placement = CropPlacement.place(crop, in: image, gravity: plan.gravity, subject: subject, faces: faces)
            if plan.gravity == .subject && !placement.subjectFits {
                let region = SizeFitter.regionSize(source: upright, output: output, mode: .pad)
                warnings.append("the subject does not fit a crop at this ratio: padded instead")
                placed = centredPad(region, around: image.size, scale: scale)
            } else {
                placed = placement.rect
                retention = placement.retention
            }
            if plan.gravity == .subject && subject == nil && image.isOpaque {
                warnings.append("--gravity subject needs a subject: the image is opaque and no --mask was given, so the crop is centred")
            }
        } else {
            placed = plan.placement ?? PixelRect(size: image.size)
        }

        // Crop or pad, then resample (in `image`'s own coordinates).
        let local = PixelRect(x: placed.x - origin.0, y: placed.y - origin.1, width: placed.width, height: placed.height)
        let pixels: PixelBuffer
        if PixelRect(size: image.size).contains(local) {
            // A crop (or the whole frame): resample straight from the region, no copy.
            pixels = local.size == output ? try image.cropped(to: local) : image.resized(to: output, from: local, options: options.resample)
        } else {
            let padded = image.placed(on: local.size, at: (-local.x, -local.y), fill: fill(options.padColor, channel: options.channel, image: image))
            pixels = padded.size == output ? padded : padded.resized(to: output, options: options.resample)
        }

        // The same geometry for the mask, in full-resolution upright pixels.
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
            inputSize: plan.inputSize, orientation: plan.orientation, uprightSize: upright,
            crop: inside.contains(sourceRect) && sourceRect != inside ? sourceRect : nil,
            pad: inside.contains(sourceRect) ? nil : PixelInsets(left: max(0, -sourceRect.x), top: max(0, -sourceRect.y),
                                                                  right: max(0, sourceRect.maxX - upright.width), bottom: max(0, sourceRect.maxY - upright.height)),
            scale: Double(output.width) / Double(sourceRect.width),
            transform: FitTransform(sourceRect: sourceRect, outputSize: output), outputSize: output,
            decodeScaleDenominator: plan.decodeScaleDenominator, sizeRulesName: options.sizeRulesName,
            sizeValid: plan.sizeValid, experimental: plan.experimental, warnings: warnings, gravity: plan.gravity,
            retention: retention, areaKept: min(1, Double(placed.size.area) / Double(frame.area)))
        return PreparedImage(pixels: pixels, mask: outputMask, report: report)
    }

    /// Plans and executes in one step.
    public static func prepare(_ bytes: [UInt8], options: PrepareOptions, mask: Mask? = nil,
                               limits: DecodingLimits = .default) throws -> PreparedImage {
        let metadata = try ImageCodec.readMetadata(bytes, limits: limits)
        return try execute(plan(metadata, options: options, withMask: mask != nil), bytes: bytes, options: options, mask: mask, limits: limits)
    }

    /// What the output does not give of what was asked, and which rule decided: a
    /// channel's or `--aspect`'s ratio changed by an exact size or by the model's allowed
    /// sizes, and a tier's or long edge's size capped by the model's limits.
    static func overrides(output: PixelSize, options: PrepareOptions) -> [String] {
        var warnings: [String] = []
        let rulesName = options.sizeRulesName ?? "the size rules"
        func ratio(_ size: PixelSize) -> Double { Double(size.width) / Double(size.height) }
        if let asked = aspectRatio(options), abs(ratio(output) / ratio(asked) - 1) > 0.01 {
            let what = options.channel.map { "\($0.id)'s \($0.ratioText)" } ?? "--aspect \(asked.width):\(asked.height)"
            let why: String
            if case .exact(let size) = options.target {
                why = "--size \(size.width)x\(size.height) sets the ratio"
            } else if case .fixed(let sizes)? = options.sizeRules {
                why = "\(rulesName) accepts only \(sizes.map { "\($0.width)x\($0.height)" }.joined(separator: ", ")), and this is the nearest ratio"
            } else {
                why = "\(rulesName) allow no closer size"
            }
            warnings.append("the output is \(output.width)x\(output.height), not \(what): \(why)")
        }
        let askedEdge: Int? = switch options.target {
        case .tier(let edge)?, .longEdge(let edge)?: edge
        default: nil
        }
        if let askedEdge, options.sizeRules != nil, max(output.width, output.height) < askedEdge {
            var limits: [String] = []
            if case .constrained(let c)? = options.sizeRules {
                limits = ["long edge ≤ \(c.maxEdge)", "at most \(c.maxPixels.formatted) pixels"]
            }
            warnings.append("a long edge of \(askedEdge) was asked; \(rulesName)\(limits.isEmpty ? "" : " (\(limits.joined(separator: ", ")))") allows \(output.width)x\(output.height) at this ratio")
        }
        return warnings
    }

    /// The requested aspect as a size (width:height), or nil to keep the source's.
    static func aspectRatio(_ options: PrepareOptions) -> PixelSize? {
        if let aspect = options.aspect { return PixelSize(width: aspect.width, height: aspect.height) }
        return options.channel?.size
    }

    /// Output size without size rules: exact size; long edge or tier keeping the ratio;
    /// the channel's size; or the framed source size.
    static func unconstrainedOutput(framed: PixelSize, options: PrepareOptions) -> PixelSize {
        func withLongEdge(_ edge: Int) -> PixelSize {
            if framed.width >= framed.height {
                return PixelSize(width: edge, height: max(1, Int((Double(edge) * Double(framed.height) / Double(framed.width)).rounded())))
            }
            return PixelSize(width: max(1, Int((Double(edge) * Double(framed.width) / Double(framed.height)).rounded())), height: edge)
        }
        switch options.target {
        case .exact(let size): return size
        case .longEdge(let edge), .tier(let edge): return withLongEdge(edge)
        case nil: return options.channel?.size ?? framed
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

private extension Int {
    /// 8294400 → "8,294,400".
    var formatted: String {
        let digits = String(self)
        var result = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { result.append(",") }
            result.append(c)
        }
        return result
    }
}
