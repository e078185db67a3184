import ImageCodecs
import ImageCore
import Testing
import TestSupport

@Suite struct EncoderTests {
    /// IHDR colour type byte of an encoded PNG.
    static func pngColorType(_ png: [UInt8]) -> UInt8 { png[25] }

    @Test func pngWritesTheSmallestLosslessColourType() throws {
        let opaque = SyntheticImages.noise(width: 8, height: 8, seed: 1, opaque: true)
        #expect(Self.pngColorType(try ImageCodec.encode(opaque, options: .png(.default))) == 2)
        #expect(Self.pngColorType(try ImageCodec.encode(opaque.converted(to: .gray8).converted(to: .rgba8), options: .png(.default))) == 0)
        let alpha = SyntheticImages.alphaRamp(width: 8, height: 8)
        #expect(Self.pngColorType(try ImageCodec.encode(alpha, options: .png(.default))) == 6)
        #expect(Self.pngColorType(try ImageCodec.encode(opaque, options: .png(PNGEncodingOptions(reduceChannels: false)))) == 6)
        let greyAlpha = alpha.converted(to: .grayAlpha8)
        #expect(Self.pngColorType(try ImageCodec.encode(greyAlpha, options: .png(.default))) == 4)
    }

    /// Every filter at low, default and maximum level, on every channel layout the
    /// writer emits, decodes (through libpng) to the same pixels.
    @Test(arguments: PNGEncodingOptions.Filter.allCases, [0, 1, 12])
    func everyPNGFilterAndLevelRoundTrips(filter: PNGEncodingOptions.Filter, level: Int) throws {
        let noise = SyntheticImages.noise(width: 33, height: 7, seed: 3)
        for image in [noise, noise.converted(to: .rgb8), noise.converted(to: .gray8), noise.converted(to: .grayAlpha8)] {
            let encoded = try ImageCodec.encode(image, options: .png(PNGEncodingOptions(compressionLevel: level, filter: filter, reduceChannels: false)))
            #expect(try ImageCodec.decode(encoded).pixels == image.converted(to: .rgba8), "\(image.format)")
        }
    }

    /// The encoder filters a handed-over buffer in its own storage: with the spare
    /// capacity PixelBuffer keeps, without it, and with padded rows; a buffer the caller
    /// still holds comes back untouched.
    @Test(arguments: PNGEncodingOptions.Filter.allCases)
    func pngFiltersInPlaceOnlyWhatItOwns(filter: PNGEncodingOptions.Filter) throws {
        let options = EncodingOptions.png(PNGEncodingOptions(compressionLevel: 1, filter: filter, reduceChannels: false))
        let noise = SyntheticImages.noise(width: 29, height: 9, seed: 11).converted(to: .rgb8)
        let expected = noise.converted(to: .rgba8)
        func fresh() -> PixelBuffer { PixelBuffer(width: 29, height: 9, format: .rgb8) { bytes, _ in noise.withUnsafeBytes { bytes.copyMemory(from: $0) } } }
        #expect(try ImageCodec.decode(try ImageCodec.encode(fresh(), options: options)).pixels == expected)
        let exact = PixelBuffer(width: 29, height: 9, bytesPerRow: 87, format: .rgb8, bytes: noise.packedBytes)
        #expect(try ImageCodec.decode(try ImageCodec.encode(exact, options: options)).pixels == expected)
        var padded = [UInt8](repeating: 7, count: 91 * 9)
        for y in 0..<9 { padded.replaceSubrange(y * 91..<y * 91 + 87, with: noise.row(y)) }
        let paddedBuffer = PixelBuffer(width: 29, height: 9, bytesPerRow: 91, format: .rgb8, bytes: padded)
        #expect(try ImageCodec.decode(try ImageCodec.encode(paddedBuffer, options: options)).pixels == expected)
        let kept = fresh()
        _ = try ImageCodec.encode(kept, options: options)
        #expect(kept == noise && kept.converted(to: .rgba8) == expected)
    }

    /// Paeth rows restored in pairs and one by one, on rows shorter and longer than one
    /// 8-byte step, and rows mixing Paeth with other filters.
    @Test func paethRGBRowsDecodeAtEverySize() throws {
        for width in [1, 2, 3, 4, 5, 7, 8, 13] {
            for height in 1...5 {
                let image = SyntheticImages.noise(width: width, height: height, seed: UInt64(width * 10 + height), opaque: true).converted(to: .rgb8)
                for filter in [PNGEncodingOptions.Filter.paeth, .adaptive] {
                    let png = try ImageCodec.encode(image, options: .png(PNGEncodingOptions(compressionLevel: 1, filter: filter, reduceChannels: false)))
                    #expect(try ImageCodec.decode(png, options: DecodingOptions(keepRGB: true)).pixels == image, "\(width)×\(height) \(filter)")
                }
            }
        }
    }

    /// `palette`: at most 256 colours (greys and others, straight from the pixels or
    /// after channel reduction) give colour type 3 with the same pixels; 257 stay RGB;
    /// images with alpha are never indexed.
    @Test func paletteIndexesOpaqueImagesOfAtMost256Colours() throws {
        func colours(_ n: Int, width: Int = 40, height: Int = 30) -> PixelBuffer {
            PixelBuffer(width: width, height: height, format: .rgb8) { bytes, _ in
                for i in 0..<(width * height) {
                    let c = (i * 7919) % n
                    // Half greys, half colours.
                    let rgb: [UInt8] = c % 2 == 0 ? [UInt8(c / 2), UInt8(c / 2), UInt8(c / 2)] : [UInt8(c / 2), UInt8(255 - c / 2), 9]
                    for k in 0..<3 { bytes[3 * i + k] = rgb[k] }
                }
            }
        }
        let options = EncodingOptions.png(PNGEncodingOptions(palette: true))
        // All grey: grey is as small as a palette.
        #expect(try ImageCodec.readMetadata(try ImageCodec.encode(colours(1), options: options)).colorType == "grayscale")
        for n in [2, 29, 256] {
            let image = colours(n)
            for filter in [PNGEncodingOptions.Filter.up, .adaptive] {
                let png = try ImageCodec.encode(image, options: .png(PNGEncodingOptions(filter: filter, palette: true)))
                #expect(try ImageCodec.readMetadata(png).colorType == "palette", "\(n) colours")
                #expect(try ImageCodec.decode(png, options: DecodingOptions(keepRGB: true)).pixels.converted(to: .rgb8) == image, "\(n) colours")
            }
        }
        let many = colours(257)
        let rgb = try ImageCodec.encode(many, options: options)
        #expect(try ImageCodec.readMetadata(rgb).colorType == "rgb")
        #expect(try ImageCodec.decode(rgb, options: DecodingOptions(keepRGB: true)).pixels == many)
        let translucent = SyntheticImages.alphaRamp(width: 16, height: 4)
        #expect(try ImageCodec.readMetadata(try ImageCodec.encode(translucent, options: options)).colorType == "rgba")
        // An RGBA image that is opaque is reduced to RGB first, then indexed.
        #expect(try ImageCodec.readMetadata(try ImageCodec.encode(colours(5).converted(to: .rgba8), options: options)).colorType == "palette")
    }

    @Test func bogusICCProfileIsRefused() {
        #expect(throws: CodecError.self) {
            try ImageCodec.encode(SyntheticImages.gradient(width: 4, height: 4), options: .png(PNGEncodingOptions(iccProfile: [1, 2, 3])))
        }
    }

    /// Higher classic levels never give larger files on a photo, and the fast default is
    /// within 25 % of level 9.
    @Test func pngLevelsTradeTimeForSize() throws {
        let photo = try ImageCodec.decode(try FixtureFiles.bytes("inputs/coffee.png")).pixels
        let sizes = try [1, 6, 9].map { try ImageCodec.encode(photo, options: .png(.level($0))).count }
        #expect(sizes[0] >= sizes[1] && sizes[1] >= sizes[2], "\(sizes)")
        let fast = try ImageCodec.encode(photo, options: .png(.default)).count
        #expect(Double(fast) < 1.25 * Double(sizes[2]), "fast \(fast) vs level 9 \(sizes[2])")
    }

    @Test func jpegCompositesAlphaOntoTheBackground() throws {
        var image = PixelBuffer(width: 16, height: 16, format: .rgba8)
        image.withUnsafeMutableBytes { bytes in
            for i in stride(from: 0, to: bytes.count, by: 4) { bytes[i] = 0; bytes[i + 1] = 0; bytes[i + 2] = 0; bytes[i + 3] = 0 }
        }
        let onWhite = try ImageCodec.decode(try ImageCodec.encode(image, options: .jpeg(.default))).pixels
        #expect(onWhite[8, 8][0] >= 250)
        let onRed = try ImageCodec.decode(try ImageCodec.encode(image, options: .jpeg(JPEGEncodingOptions(background: RGB8(red: 255, green: 0, blue: 0))))).pixels
        #expect(onRed[8, 8][0] >= 240 && onRed[8, 8][1] <= 15)
    }

    @Test func lossyWebPKeepsAlpha() throws {
        let image = SyntheticImages.alphaRamp(width: 64, height: 16)
        let decoded = try ImageCodec.decode(try ImageCodec.encode(image, options: .webp(WebPEncodingOptions(quality: 80))))
        #expect(decoded.metadata.hasAlphaChannel)
        #expect(ImageDifference(decoded.pixels, image).maxAbs > 0)
        #expect(decoded.pixels[0, 0][3] == 0)
        #expect(decoded.pixels[63, 0][3] == 255)
    }

    @Test func premultipliedInputIsUnpremultipliedFirst() throws {
        let image = SyntheticImages.alphaRamp(width: 32, height: 4)
        let fromPremultiplied = try ImageCodec.decode(try ImageCodec.encode(image.premultiplied(), options: .png(.default))).pixels
        #expect(fromPremultiplied == image.premultiplied().unpremultiplied())
    }

    @Test func outOfRangeSettingsThrow() {
        let image = SyntheticImages.gradient(width: 4, height: 4)
        #expect(throws: CodecError.invalidParameter(name: "JPEG quality", value: "0", expected: "1…100")) {
            try ImageCodec.encode(image, options: .jpeg(JPEGEncodingOptions(quality: 0)))
        }
        #expect(throws: CodecError.self) { try ImageCodec.encode(image, options: .png(PNGEncodingOptions(compressionLevel: 13))) }
        #expect(throws: CodecError.self) { try ImageCodec.encode(image, options: .webp(WebPEncodingOptions(quality: 101))) }
    }

    @Test func metadataIsStrippedByDefault() throws {
        let jpeg = try FixtureFiles.bytes("inputs/coffee-orientation-6.jpg")
        let decoded = try ImageCodec.decode(jpeg)
        #expect(decoded.metadata.hasEXIF)
        for format in ImageFormat.allCases {
            let encoded = try ImageCodec.encode(decoded.upright(), options: .default(for: format))
            let metadata = try ImageCodec.readMetadata(encoded)
            #expect(!metadata.hasEXIF && metadata.iccProfile == nil && metadata.orientation == .identity, "\(format)")
        }
    }
}

/// `keepGray`: an opaque 8-bit grey PNG decodes to gray8, equal to the RGBA decode's grey.
@Suite struct KeepGrayTests {
    @Test func greyPNGDecodesToGray8() throws {
        var image = PixelBuffer(width: 37, height: 11, format: .gray8)
        image.withUnsafeMutableBytes { bytes in for i in 0..<bytes.count { bytes[i] = UInt8(truncatingIfNeeded: i &* 37 &+ i / 5) } }
        for filter in [PNGEncodingOptions.Filter.up, .adaptive, .paeth] {
            let png = try ImageCodec.encode(image, options: .png(PNGEncodingOptions(compressionLevel: 6, filter: filter)))
            let gray = try ImageCodec.decode(png, options: DecodingOptions(keepGray: true)).pixels
            #expect(gray.format == .gray8 && gray == image)
            let rgba = try ImageCodec.decode(png).pixels
            #expect(rgba.format == .rgba8 && rgba.converted(to: .gray8) == image)
        }
        // Colour files are unaffected.
        let colour = try ImageCodec.encode(SyntheticImages.gradient(width: 8, height: 8), options: .png(.default))
        #expect(try ImageCodec.decode(colour, options: DecodingOptions(keepGray: true)).pixels.format == .rgba8)
    }
}

/// `keepRGB`: opaque colour PNGs and JPEGs decode to rgb8 with exactly the RGBA decode's
/// colour; everything else keeps its usual layout.
@Suite(.requiresConformance) struct KeepRGBTests {
    static let options = DecodingOptions(keepRGB: true)

    /// The RGB decode equals the RGBA decode's colour, and `expected` is its format.
    static func check(_ path: String, expected: PixelFormat, region: PixelRect? = nil, scale: Int = 1) throws {
        let bytes = try Conformance.bytes(path)
        var options = Self.options, plain = DecodingOptions()
        options.jpegRegion = region; plain.jpegRegion = region
        options.jpegScaleDenominator = scale; plain.jpegScaleDenominator = scale
        let kept = try ImageCodec.decode(bytes, options: options).pixels
        let rgba = try ImageCodec.decode(bytes, options: plain).pixels
        #expect(kept.format == expected, "\(path)")
        #expect(kept.size == rgba.size && kept.converted(to: .rgba8) == rgba, "\(path)")
    }

    @Test func pngRowFiltersAndLayouts() throws {
        // Every row filter (f00…f04), and RGB files that are not on the fast path.
        for name in ["basn2c08", "f00n2c08", "f01n2c08", "f02n2c08", "f03n2c08", "f04n2c08"] {
            try Self.check("pngsuite/\(name).png", expected: .rgb8)
        }
        for name in ["basi2c08", "basn2c16", "tbrn2c08", "basn6a08", "basn0g08"] {
            try Self.check("pngsuite/\(name).png", expected: .rgba8)
        }
    }

    @Test func jpegColourSpacesScalesAndRegions() throws {
        for name in ["coffee_baseline_420_q85", "coffee_baseline_444_q90", "coffee_progressive_q85", "coffee_grayscale_q90", "coffee_arithmetic_q85"] {
            try Self.check("jpeg/made/\(name).jpg", expected: .rgb8)
        }
        try Self.check("jpeg/made/coffee_baseline_420_q85.jpg", expected: .rgb8, scale: 4)
        try Self.check("jpeg/made/coffee_baseline_420_q85.jpg", expected: .rgb8, region: PixelRect(x: 37, y: 21, width: 101, height: 53))
        // CMYK and YCCK still convert to RGBA.
        for name in ["coffee_cmyk_adobe_inverted", "coffee_ycck_adobe_inverted"] {
            try Self.check("jpeg/made/\(name).jpg", expected: .rgba8)
        }
    }
}
