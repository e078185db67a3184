import Foundation
import ImageCodecs
import ImageCore
import Testing
import TestSupport

/// Hostile numbers for every numeric argument of mask, prepare, resize, cutout and diff (issue
/// 18): never a signal, never exit 70 (internal error), never more than 1 GB resident.
/// Each run is a separate process, so a trap fails the test instead of ending it.
@Suite struct NumericArgumentTests {
    static let coffee = FixtureFiles.path("inputs/coffee.png")
    static let values = ["0", "-1", "1e30", "-1e30", "nan", "inf", "99999999999999999999", "65536", "1e-300"]

    /// Argument lists with `V` where the value goes.
    static let templates: [[String]] = [
        ["mask", "--like", coffee, "--ellipse", "V,50,10,10"], ["mask", "--like", coffee, "--ellipse", "50,50,V,10"],
        ["mask", "--like", coffee, "--rect", "1,1,10,10", "--feather", "V"], ["mask", "--like", coffee, "--rect", "1,1,10,10", "--grow", "V"],
        ["mask", "--like", coffee, "--rect", "1,1,10,10", "--shrink", "V"], ["mask", "--like", coffee, "--stroke", "V:1,1,5,5"],
        ["mask", "--size", "VxV", "--rect", "1,1,2,2"], ["mask", "--like", coffee, "--polygon", "1,1,V,5,3,9"],
        ["prepare", coffee, "--gravity", "V,V", "--aspect", "1:1"], ["prepare", coffee, "--aspect", "V:1", "--fit", "pad"],
        ["prepare", coffee, "--long-edge", "V"], ["prepare", coffee, "--size", "Vx100"],
        ["cutout", coffee, "--pad", "V"], ["cutout", coffee, "--pad", "V%"], ["cutout", coffee, "--canvas", "Vx100"],
        ["cutout", coffee, "--position", "V,0.5"], ["cutout", coffee, "--canvas", "100x100", "--fill", "V%"],
        ["resize", coffee, "--width", "V"], ["resize", FixtureFiles.path("inputs/alpha-ramp-256x64.png"), "--height", "V"],
        ["diff", coffee, coffee, "--scale", "V"], ["diff", coffee, coffee, "--delta-e", "V"], ["diff", coffee, coffee, "--threshold", "V"],
    ]

    @Test(arguments: templates.indices)
    func hostileNumbersNeverCrash(template: Int) throws {
        try withTemporaryDirectory { directory in
            let output = directory.appendingPathComponent("out.png").path
            for value in Self.values {
                var arguments = Self.templates[template].map { $0.replacingOccurrences(of: "V", with: value) }
                if arguments[0] != "diff" { arguments += ["-o", output] }
                let (result, peak) = try runBinary(arguments)
                #expect(result.status < 128 && result.status != 70, "\(arguments.joined(separator: " ")) → \(result.status): \(result.stderr.prefix(300))")
                #expect(peak < 1 << 30, "\(arguments.joined(separator: " ")) peaked at \(peak >> 20) MB")
                if result.status != 0 { #expect(!result.stderr.isEmpty, "\(arguments.joined(separator: " ")) failed silently") }
            }
        }
    }

    /// A 1×20000 strip resized to width 1000 would be 1000×20,000,000 (80 GB): refused
    /// from the header (exit 64 naming the edge), not allocated.
    @Test func aDerivedSizeOverTheLimitIsRefused() throws {
        try withTemporaryDirectory { directory in
            let strip = directory.appendingPathComponent("strip.png").path
            let image = PixelBuffer(width: 1, height: 20_000, bytesPerRow: 1, format: .gray8, bytes: [UInt8](repeating: 128, count: 20_000))
            try Data(try ImageCodec.encode(image, options: .png(.default))).write(to: URL(fileURLWithPath: strip))
            let (result, peak) = try runBinary(["resize", strip, "--width", "1000", "-o", directory.appendingPathComponent("o.png").path])
            #expect(result.status == 64, "\(result.stderr)")
            #expect(result.stderr.contains("to an edge of 20000000 pixels"), "\(result.stderr)")
            #expect(peak < 256 << 20)
        }
    }

    /// RETOUCH_MAX_PIXELS sets the pixel limit of decoding and outputs alike; a bad
    /// value is a usage error naming the variable.
    @Test func thePixelLimitIsSetFromTheEnvironment() throws {
        let coffee = FixtureFiles.path("inputs/coffee.png")
        try withTemporaryDirectory { directory in
            let out = directory.appendingPathComponent("o.png").path
            let (decode, _) = try runBinary(["convert", coffee, "-o", out], environment: ["RETOUCH_MAX_PIXELS": "100000"])
            #expect(decode.status == 65 && decode.stderr.contains("240000 pixels, more than the limit of 100000"), "\(decode.stderr)")
            let (output, _) = try runBinary(["mask", "--size", "400x400", "--rect", "1,1,5,5", "-o", out], environment: ["RETOUCH_MAX_PIXELS": "100_000"])
            #expect(output.status == 64 && output.stderr.contains("at most 65535 pixels a side and 100000 pixels"), "\(output.stderr)")
            let (allowed, _) = try runBinary(["convert", coffee, "-o", out], environment: ["RETOUCH_MAX_PIXELS": "240000"])
            #expect(allowed.status == 0, "\(allowed.stderr)")
            for bad in ["abc", "0", "-5", "1e9", "2000000000"] {
                let (refused, _) = try runBinary(["inspect", coffee], environment: ["RETOUCH_MAX_PIXELS": bad])
                #expect(refused.status == 64 && refused.stderr.contains("RETOUCH_MAX_PIXELS=\(bad)"), "\(bad): \(refused.stderr)")
            }
        }
    }
}
