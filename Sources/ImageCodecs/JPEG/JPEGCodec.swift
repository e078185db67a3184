import ImageCore

/// JPEG decoding and encoding through libjpeg(-turbo); metadata parsed in Swift.
enum JPEGCodec {
    static func readMetadata(_ data: [UInt8]) throws(CodecError) -> ImageMetadata {
        let markers = JPEGMarkerReader(data)
        try rejectUnsupportedProcess(markers)
        let info = try LibJPEG.readInfo(data, scaleDenominator: 1)
        return metadata(markers, info, byteCount: data.count)
    }

    static func decode(_ data: [UInt8], options: DecodingOptions) throws(CodecError) -> DecodedImage {
        let markers = JPEGMarkerReader(data)
        try rejectUnsupportedProcess(markers)
        let scale = options.jpegScaleDenominator
        guard [1, 2, 4, 8].contains(scale) else {
            throw .invalidParameter(name: "JPEG scale denominator", value: "\(scale)", expected: "1, 2, 4 or 8")
        }
        let header = try LibJPEG.readInfo(data, scaleDenominator: scale)
        try options.limits.checkImage(width: header.width, height: header.height)
        var outputSize = PixelSize(width: header.outputWidth, height: header.outputHeight)
        if let region = options.jpegRegion {
            guard !region.isEmpty, PixelRect(size: outputSize).contains(region) else {
                throw .invalidParameter(name: "JPEG decode region", value: "\(region)",
                                        expected: "a non-empty rectangle inside the \(outputSize) image (at 1/\(scale) scale)")
            }
            outputSize = region.size
        }

        // CMYK files decode to CMYK8 and are converted to RGBA8 below.
        let format: PixelFormat = options.keepRGB && !header.outputIsCMYK ? .rgb8 : .rgba8
        var decodeResult: Result<(LibJPEG.Info, LibJPEG.Warnings), CodecError> = .failure(.corrupt(.jpeg, message: "not decoded"))
        let pixels = PixelBuffer(width: outputSize.width, height: outputSize.height, format: format) { buffer, bytesPerRow in
            decodeResult = Result { () throws(CodecError) in
                try LibJPEG.decode(data, scaleDenominator: scale, maxPixels: options.limits.maxPixels,
                                   region: options.jpegRegion, components: format.bytesPerPixel, into: buffer, bytesPerRow: bytesPerRow)
            }
            if case .failure = decodeResult { buffer.initializeMemory(as: UInt8.self, repeating: 0) }
        }
        let (info, warnings) = try decodeResult.get()
        if warnings.dataIncomplete && !options.lenient {
            throw .corrupt(.jpeg, message: "\(warnings.first) (the data is truncated or incomplete; a lenient decode accepts libjpeg's grey-filled result)")
        }
        var result = DecodedImage(pixels: pixels, metadata: metadata(markers, info, byteCount: data.count))
        if info.outputIsCMYK {
            // Through the CMYK profile when there is one; otherwise (or when it cannot be
            // used) djpeg's formula.
            var converted = false
            if options.colour == .convertToSRGB, let profile = markers.iccProfile {
                let outcome = LittleCMS.convertToSRGB(&result.pixels, profile: profile, storedCMYK: true)
                ImageCodec.record(outcome, in: &result)
                if case .converted = outcome { converted = true }
            }
            if !converted { convertCMYKToRGBA(&result.pixels) }
        }
        if warnings.count > 0 {
            let more = warnings.count > 1 ? " (and \(warnings.count - 1) more warnings)" : ""
            result.warnings.append(warnings.first + more)
        }
        return result
    }

    static func encode(_ buffer: PixelBuffer, options: JPEGEncodingOptions) throws(CodecError) -> [UInt8] {
        guard (1...100).contains(options.quality) else {
            throw .invalidParameter(name: "JPEG quality", value: "\(options.quality)", expected: "1…100")
        }
        var source = buffer
        if source.format.alpha == .premultiplied { source = source.unpremultiplied() }
        let components: Int
        switch source.format.layout {
        case .gray: components = 1
        case .rgb: components = 3
        case .rgba where source.isOpaque: components = 4
        case .rgba, .grayAlpha:
            source = source.composited(over: options.background)
            components = 3
        }
        return try source.withUnsafeBytes { bytes throws(CodecError) in
            try LibJPEG.encode(
                bytes, width: source.width, height: source.height, bytesPerRow: source.bytesPerRow,
                components: components, quality: options.quality, chroma444: options.chroma == .yuv444,
                progressive: options.progressive, iccProfile: options.iccProfile)
        }
    }

    /// 12-bit and lossless JPEG need libjpeg-turbo's 12/16-bit API, which 2.x lacks.
    private static func rejectUnsupportedProcess(_ markers: JPEGMarkerReader) throws(CodecError) {
        guard let marker = markers.frameMarker else { return }
        switch marker {
        case 0xC3, 0xCB:
            throw .unsupported(.jpeg, feature: "lossless JPEG (SOF\(marker - 0xC0), \(markers.precision ?? 0)-bit); only 8-bit DCT JPEG is decoded")
        case 0xC5, 0xC6, 0xC7, 0xCD, 0xCE, 0xCF:
            throw .unsupported(.jpeg, feature: "hierarchical JPEG (SOF\(marker - 0xC0))")
        default:
            if markers.precision == 12 || markers.precision == 16 {
                throw .unsupported(.jpeg, feature: "\(markers.precision!)-bit sample precision (\(markers.processName), SOF\(marker - 0xC0)); only 8-bit JPEG is decoded")
            }
        }
    }

    private static func metadata(_ markers: JPEGMarkerReader, _ info: LibJPEG.Info, byteCount: Int) -> ImageMetadata {
        let colorType: String
        switch (info.components, markers.adobeTransform) {
        case (1, _): colorType = "grayscale"
        case (3, 0): colorType = "rgb"
        case (3, _): colorType = "ycbcr"
        case (4, 2): colorType = "ycck"
        case (4, _): colorType = "cmyk"
        default: colorType = "\(info.components) components"
        }
        var compression = info.progressive ? "progressive" : markers.processName
        if info.arithmetic && !compression.contains("arithmetic") { compression += " arithmetic" }
        var metadata = ImageMetadata(
            format: .jpeg, width: info.width, height: info.height, colorType: colorType,
            bitDepth: markers.precision ?? 8, compression: compression, hasAlphaChannel: false,
            byteCount: byteCount)
        metadata.iccProfile = markers.iccProfile
        metadata.iccDescription = markers.iccProfile.flatMap(ICCProfileReader.description(of:))
        metadata.hasXMP = markers.hasXMP
        metadata.hasC2PA = markers.hasC2PA
        if let exif = markers.exif { metadata.applyEXIF(exif) }
        return metadata
    }

    /// Adobe-inverted CMYK (as libjpeg returns it) to RGB, the formula djpeg uses:
    /// R = round(C·K / 255), G = round(M·K / 255), B = round(Y·K / 255).
    private static func convertCMYKToRGBA(_ pixels: inout PixelBuffer) {
        let width = pixels.width, height = pixels.height, stride = pixels.bytesPerRow
        pixels.withUnsafeMutableBytes { bytes in
            for y in 0..<height {
                var i = y * stride
                for _ in 0..<width {
                    let k = UInt32(bytes[i + 3])
                    bytes[i] = UInt8((UInt32(bytes[i]) * k + 127) / 255)
                    bytes[i + 1] = UInt8((UInt32(bytes[i + 1]) * k + 127) / 255)
                    bytes[i + 2] = UInt8((UInt32(bytes[i + 2]) * k + 127) / 255)
                    bytes[i + 3] = 255
                    i += 4
                }
            }
        }
    }
}
