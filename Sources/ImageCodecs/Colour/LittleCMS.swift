import CLCMS2
import Dispatch
import ImageCore

/// ICC profiles through LittleCMS: what a profile describes, whether it is sRGB, and the
/// conversion of decoded pixels to sRGB (perceptual intent, no black-point
/// compensation: what Pillow's `ImageCms.profileToProfile` does by default; for
/// matrix/TRC profiles perceptual and relative colorimetric are the same).
enum LittleCMS {
    /// The profile's data colour space ("RGB", "GRAY", "CMYK", another ICC signature such
    /// as "Lab " or "YCbr"; nil when LittleCMS cannot read the profile) and whether it is
    /// sRGB in effect: converting with it changes no 8-bit value by more than 1 (an sRGB
    /// profile under any name, or a grey profile with the sRGB curve; false for CMYK,
    /// other spaces and unreadable profiles). The profile is opened once.
    static func classify(_ profile: [UInt8]) -> (space: String?, isSRGB: Bool) {
        guard let handle = open(profile) else { return (nil, false) }
        defer { cmsCloseProfile(handle) }
        return (name(of: cmsGetColorSpace(handle).rawValue), isIdentity(handle))
    }

    /// Converts decoded pixels from `profile` to sRGB in place. `storedCMYK`: the buffer
    /// is RGBA8 holding Adobe-inverted CMYK as libjpeg returns it; on success it holds
    /// opaque sRGB. Callers skip profiles `classify` finds sRGB (converting them would
    /// change nothing).
    ///
    /// - Returns: `.converted` with the profile's space, or `.unusable` with the reason
    ///   (nothing changed: the pixels are taken as sRGB, as browsers do).
    static func convertToSRGB(_ pixels: inout PixelBuffer, profile: [UInt8], storedCMYK: Bool = false) -> Outcome {
        guard let input = open(profile) else { return .unusable("LittleCMS cannot read the profile") }
        defer { cmsCloseProfile(input) }
        let space = cmsGetColorSpace(input).rawValue
        let spaceName = name(of: space)
        let layout = pixels.format.layout
        switch (space, storedCMYK) {
        case (retouch_SIG_CMYK, true):
            return transform(&pixels, from: input, inFormat: retouch_TYPE_CMYK_8_REV, outFormat: retouch_TYPE_RGBA_8, to: .rgb) { bytes, width in
                for x in 0..<width { bytes[4 * x + 3] = 255 }
            } ? .converted(spaceName) : .unusable("LittleCMS cannot convert this CMYK profile")
        case (_, true):
            return .unusable("a \(spaceName) profile on CMYK data")
        case (retouch_SIG_RGB, _) where layout == .rgb || layout == .rgba:
            let format = layout == .rgb ? retouch_TYPE_RGB_8 : retouch_TYPE_RGBA_8
            return transform(&pixels, from: input, inFormat: format, outFormat: format, to: .rgb)
                ? .converted(spaceName) : .unusable("LittleCMS cannot convert this RGB profile")
        case (retouch_SIG_GRAY, _) where layout == .gray:
            return transform(&pixels, from: input, inFormat: retouch_TYPE_GRAY_8, outFormat: retouch_TYPE_GRAY_8, to: .gray)
                ? .converted(spaceName) : .unusable("LittleCMS cannot convert this grey profile")
        case (retouch_SIG_GRAY, _) where layout == .rgb || layout == .rgba:
            // Grey stored as R = G = B: the grey value through the profile to sRGB RGB.
            return greyToRGB(&pixels, from: input) ? .converted(spaceName) : .unusable("LittleCMS cannot convert this grey profile")
        default:
            return .unusable("a \(spaceName) profile on \(layout == .gray || layout == .grayAlpha ? "grey" : "RGB") pixels")
        }
    }

    /// What `convertToSRGB` did.
    enum Outcome: Equatable {
        /// Converted from a profile of this colour space ("RGB", "GRAY", "CMYK").
        case converted(String)
        case unusable(String)
    }

    // MARK: - Profiles and transforms

    private enum Target { case rgb, gray }

    private static func open(_ profile: [UInt8]) -> cmsHPROFILE? {
        guard profile.count >= 128, profile.count <= Int(UInt32.max) else { return nil }
        return profile.withUnsafeBytes { cmsOpenProfileFromMem($0.baseAddress, cmsUInt32Number($0.count)) }
    }

    /// sRGB, or grey with the sRGB curve (D50 white, as LittleCMS's PCS).
    private static func targetProfile(_ target: Target) -> cmsHPROFILE? {
        switch target {
        case .rgb:
            return cmsCreate_sRGBProfile()
        case .gray:
            let parameters: [Double] = [2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045]
            guard let curve = parameters.withUnsafeBufferPointer({ cmsBuildParametricToneCurve(nil, 4, $0.baseAddress) }) else { return nil }
            defer { cmsFreeToneCurve(curve) }
            return cmsCreateGrayProfile(cmsD50_xyY(), curve)
        }
    }

    private static func makeTransform(_ input: cmsHPROFILE, inFormat: cmsUInt32Number, outFormat: cmsUInt32Number, to target: Target) -> cmsHTRANSFORM? {
        guard let output = targetProfile(target) else { return nil }
        defer { cmsCloseProfile(output) }
        // NOCACHE: one transform is shared by the row bands that run side by side.
        return cmsCreateTransform(input, inFormat, output, outFormat, retouch_INTENT_PERCEPTUAL, retouch_FLAGS_NOCACHE)
    }

    /// Whether the profile's transform to sRGB (or sRGB-curve grey) moves no value of a
    /// 6×6×6 grid plus every grey level by more than 1.
    private static func isIdentity(_ input: cmsHPROFILE) -> Bool {
        let space = cmsGetColorSpace(input).rawValue
        var samples: [UInt8] = []
        let channels: Int
        let target: Target
        switch space {
        case retouch_SIG_RGB:
            channels = 3; target = .rgb
            let steps: [UInt8] = [0, 51, 102, 153, 204, 255]
            for r in steps { for g in steps { for b in steps { samples += [r, g, b] } } }
            for v in 0...255 { samples += [UInt8(v), UInt8(v), UInt8(v)] }
        case retouch_SIG_GRAY:
            channels = 1; target = .gray
            samples = (0...255).map { UInt8($0) }
        default:
            return false
        }
        let format = channels == 3 ? retouch_TYPE_RGB_8 : retouch_TYPE_GRAY_8
        guard let transform = makeTransform(input, inFormat: format, outFormat: format, to: target) else { return false }
        defer { cmsDeleteTransform(transform) }
        var output = [UInt8](repeating: 0, count: samples.count)
        samples.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { destination in
                cmsDoTransform(transform, source.baseAddress, destination.baseAddress, cmsUInt32Number(samples.count / channels))
            }
        }
        return zip(samples, output).allSatisfy { abs(Int($0) - Int($1)) <= 1 }
    }

    /// Runs a same-size transform over every row in place, in bands side by side;
    /// `finish` then sees each converted row (its bytes and width).
    private static func transform(_ pixels: inout PixelBuffer, from input: cmsHPROFILE, inFormat: cmsUInt32Number, outFormat: cmsUInt32Number,
                                  to target: Target, finish: (@Sendable (UnsafeMutablePointer<UInt8>, Int) -> Void)? = nil) -> Bool {
        guard let transform = makeTransform(input, inFormat: inFormat, outFormat: outFormat, to: target) else { return false }
        defer { cmsDeleteTransform(transform) }
        let width = pixels.width, height = pixels.height, stride = pixels.bytesPerRow
        let transformAddress = Int(bitPattern: transform)
        pixels.withUnsafeMutableBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            forEachBand(height: height, rows: base) { rows, base in
                let transform = UnsafeMutableRawPointer(bitPattern: transformAddress)
                for y in rows {
                    let row = base + y * stride
                    cmsDoTransform(transform, row, row, cmsUInt32Number(width))
                    finish?(row, width)
                }
            }
        }
        return true
    }

    /// Grey held as R = G = B in RGB8/RGBA8: each row's R through the grey profile to sRGB.
    private static func greyToRGB(_ pixels: inout PixelBuffer, from input: cmsHPROFILE) -> Bool {
        guard let transform = makeTransform(input, inFormat: retouch_TYPE_GRAY_8, outFormat: retouch_TYPE_RGB_8, to: .rgb) else { return false }
        defer { cmsDeleteTransform(transform) }
        let width = pixels.width, height = pixels.height, stride = pixels.bytesPerRow, step = pixels.format.bytesPerPixel
        let transformAddress = Int(bitPattern: transform)
        pixels.withUnsafeMutableBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            forEachBand(height: height, rows: base) { rows, base in
                let transform = UnsafeMutableRawPointer(bitPattern: transformAddress)
                var grey = [UInt8](repeating: 0, count: width), rgb = [UInt8](repeating: 0, count: 3 * width)
                for y in rows {
                    let row = base + y * stride
                    for x in 0..<width { grey[x] = row[x * step] }
                    cmsDoTransform(transform, grey, &rgb, cmsUInt32Number(width))
                    for x in 0..<width {
                        row[x * step] = rgb[3 * x]; row[x * step + 1] = rgb[3 * x + 1]; row[x * step + 2] = rgb[3 * x + 2]
                    }
                }
            }
        }
        return true
    }

    /// Splits `0..<height` into up to 8 bands run side by side; `body` gets a band and
    /// the pixel storage (passed by address: each band writes only its own rows).
    private static func forEachBand(height: Int, rows: UnsafeMutableRawPointer,
                                    _ body: @Sendable (Range<Int>, UnsafeMutablePointer<UInt8>) -> Void) {
        let bands = max(1, min(8, height / 64)), address = Int(bitPattern: rows)
        DispatchQueue.concurrentPerform(iterations: bands) { band in
            body(band * height / bands ..< (band + 1) * height / bands, UnsafeMutablePointer(bitPattern: address)!)
        }
    }

    private static func name(of signature: cmsUInt32Number) -> String {
        switch signature {
        case retouch_SIG_RGB: return "RGB"
        case retouch_SIG_GRAY: return "GRAY"
        case retouch_SIG_CMYK: return "CMYK"
        default:
            let bytes = [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: signature >> $0) }
            return String(decoding: bytes, as: UTF8.self).trimmingTrailingSpaces
        }
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
