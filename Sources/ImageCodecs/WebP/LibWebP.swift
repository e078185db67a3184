internal import CWebP

/// The only file that calls libwebp (decode, encode, demux, mux). libwebp reports every
/// failure through a return value, so no shim is needed. Pointers never outlive a call.
enum LibWebP {
    /// Bitstream facts, in our own types.
    struct Features {
        var width: Int
        var height: Int
        var hasAlpha: Bool
        var hasAnimation: Bool
        /// 0 undefined/mixed, 1 lossy, 2 lossless (libwebp's `format`).
        var format: Int
    }

    static func features(_ data: [UInt8]) throws(CodecError) -> Features {
        var features = WebPBitstreamFeatures()
        let status = data.withUnsafeBufferPointer { WebPGetFeatures($0.baseAddress, $0.count, &features) }
        try check(status)
        return Features(
            width: Int(features.width), height: Int(features.height), hasAlpha: features.has_alpha != 0,
            hasAnimation: features.has_animation != 0, format: Int(features.format))
    }

    /// Decodes a still image into `destination` as straight RGBA8.
    static func decode(_ data: [UInt8], into destination: UnsafeMutableRawBufferPointer, bytesPerRow: Int) throws(CodecError) {
        var config = WebPDecoderConfig()
        guard WebPInitDecoderConfig(&config) != 0 else {
            throw .corrupt(.webp, message: "libwebp version mismatch")
        }
        config.output.colorspace = MODE_RGBA
        config.output.is_external_memory = 1
        config.output.u.RGBA.rgba = destination.baseAddress?.assumingMemoryBound(to: UInt8.self)
        config.output.u.RGBA.stride = Int32(bytesPerRow)
        config.output.u.RGBA.size = destination.count
        let status = data.withUnsafeBufferPointer { WebPDecode($0.baseAddress, $0.count, &config) }
        WebPFreeDecBuffer(&config.output)
        try check(status)
    }

    /// Decodes the first frame of an animation, composited on its canvas, into
    /// `destination` (canvas size, straight RGBA8, already zeroed: transparent, as
    /// WebPAnimDecoder starts). Returns the frame count. Only the frame's own rectangle is
    /// decoded (libwebp's demuxer gives its bitstream and offset), so a large canvas with
    /// a small frame costs the canvas once, not the animation decoder's two extra copies.
    static func decodeFirstFrame(
        _ data: [UInt8], into destination: UnsafeMutableRawBufferPointer, bytesPerRow: Int
    ) throws(CodecError) -> Int {
        try data.withUnsafeBufferPointer { input throws(CodecError) in
            var webpData = WebPData(bytes: input.baseAddress, size: input.count)
            guard let demux = WebPDemux(&webpData) else {
                throw .corrupt(.webp, message: "the animation container is invalid or truncated")
            }
            defer { WebPDemuxDelete(demux) }
            let canvasWidth = Int(WebPDemuxGetI(demux, WEBP_FF_CANVAS_WIDTH)), canvasHeight = Int(WebPDemuxGetI(demux, WEBP_FF_CANVAS_HEIGHT))
            let frameCount = Int(WebPDemuxGetI(demux, WEBP_FF_FRAME_COUNT))
            var iterator = WebPIterator()
            guard WebPDemuxGetFrame(demux, 1, &iterator) != 0 else {
                throw .corrupt(.webp, message: "the animation has no first frame")
            }
            defer { WebPDemuxReleaseIterator(&iterator) }
            let x = Int(iterator.x_offset), y = Int(iterator.y_offset), width = Int(iterator.width), height = Int(iterator.height)
            guard width > 0, height > 0, x + width <= canvasWidth, y + height <= canvasHeight,
                  destination.count >= (canvasHeight - 1) * bytesPerRow + canvasWidth * 4 else {
                throw .corrupt(.webp, message: "the first frame (\(width)×\(height) at \(x),\(y)) does not fit the \(canvasWidth)×\(canvasHeight) canvas")
            }
            // The frame lands straight on the canvas rows: WebPDecodeRGBAInto writes rows
            // `bytesPerRow` apart starting at the frame's top-left pixel.
            let start = destination.baseAddress!.assumingMemoryBound(to: UInt8.self) + y * bytesPerRow + x * 4
            let size = (height - 1) * bytesPerRow + width * 4
            guard WebPDecodeRGBAInto(iterator.fragment.bytes, iterator.fragment.size, start, size, Int32(bytesPerRow)) != nil else {
                throw .corrupt(.webp, message: "the first frame cannot be decoded")
            }
            return frameCount
        }
    }

    /// Encodes straight RGBA8 rows. `quality` is 0…100 (lossy quality, or lossless
    /// effort); lossless keeps RGB under transparent pixels (exact).
    static func encode(
        _ pixels: UnsafeRawBufferPointer, width: Int, height: Int, bytesPerRow: Int,
        quality: Int, lossless: Bool, method: Int
    ) throws(CodecError) -> [UInt8] {
        var config = WebPConfig()
        guard WebPConfigInit(&config) != 0 else { throw .encodingFailed(.webp, message: "libwebp version mismatch") }
        config.quality = Float(quality)
        config.method = Int32(method)
        if lossless {
            config.lossless = 1
            config.exact = 1
        }
        guard WebPValidateConfig(&config) != 0 else {
            throw .encodingFailed(.webp, message: "invalid configuration (quality \(quality), method \(method))")
        }
        var picture = WebPPicture()
        guard WebPPictureInit(&picture) != 0 else { throw .encodingFailed(.webp, message: "libwebp version mismatch") }
        picture.width = Int32(width)
        picture.height = Int32(height)
        picture.use_argb = 1
        defer { WebPPictureFree(&picture) }
        guard WebPPictureImportRGBA(&picture, pixels.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(bytesPerRow)) != 0 else {
            throw .encodingFailed(.webp, message: "out of memory importing \(width)×\(height) pixels")
        }
        var writer = WebPMemoryWriter()
        WebPMemoryWriterInit(&writer)
        defer { WebPMemoryWriterClear(&writer) }
        let ok = withUnsafeMutablePointer(to: &writer) { writerPointer in
            picture.writer = WebPMemoryWrite
            picture.custom_ptr = UnsafeMutableRawPointer(writerPointer)
            return WebPEncode(&config, &picture)
        }
        guard ok != 0 else {
            throw .encodingFailed(.webp, message: "libwebp encoder error \(picture.error_code.rawValue)")
        }
        return Array(UnsafeBufferPointer(start: writer.mem, count: writer.size))
    }

    /// Adds an ICCP chunk (switching to the extended VP8X container).
    static func embedICCProfile(_ profile: [UInt8], in webp: [UInt8]) throws(CodecError) -> [UInt8] {
        try webp.withUnsafeBufferPointer { image throws(CodecError) in
            try profile.withUnsafeBufferPointer { icc throws(CodecError) in
                var imageData = WebPData(bytes: image.baseAddress, size: image.count)
                guard let mux = WebPMuxCreate(&imageData, 0) else {
                    throw .encodingFailed(.webp, message: "cannot open the encoded image for muxing")
                }
                defer { WebPMuxDelete(mux) }
                var iccData = WebPData(bytes: icc.baseAddress, size: icc.count)
                guard WebPMuxSetChunk(mux, "ICCP", &iccData, 0) == WEBP_MUX_OK else {
                    throw .encodingFailed(.webp, message: "cannot add the ICC profile")
                }
                var assembled = WebPData()
                guard WebPMuxAssemble(mux, &assembled) == WEBP_MUX_OK else {
                    throw .encodingFailed(.webp, message: "cannot assemble the container")
                }
                defer { WebPDataClear(&assembled) }
                return Array(UnsafeBufferPointer(start: assembled.bytes, count: assembled.size))
            }
        }
    }

    /// The linked libwebp's decoder version, e.g. "1.2.4".
    static var version: String {
        let v = WebPGetDecoderVersion()
        return "\(v >> 16).\((v >> 8) & 0xff).\(v & 0xff)"
    }

    private static func check(_ status: VP8StatusCode) throws(CodecError) {
        switch status {
        case VP8_STATUS_OK: return
        case VP8_STATUS_UNSUPPORTED_FEATURE:
            throw .unsupported(.webp, feature: "a bitstream feature this libwebp cannot decode (VP8StatusCode 4)")
        case VP8_STATUS_NOT_ENOUGH_DATA:
            throw .corrupt(.webp, message: "truncated data (VP8StatusCode 7, NOT_ENOUGH_DATA)")
        case VP8_STATUS_BITSTREAM_ERROR:
            throw .corrupt(.webp, message: "bitstream error (VP8StatusCode 3)")
        case VP8_STATUS_OUT_OF_MEMORY:
            throw .corrupt(.webp, message: "out of memory (VP8StatusCode 1)")
        case VP8_STATUS_INVALID_PARAM:
            throw .corrupt(.webp, message: "invalid parameter (VP8StatusCode 2)")
        default:
            throw .corrupt(.webp, message: "decoder status \(status.rawValue)")
        }
    }
}
