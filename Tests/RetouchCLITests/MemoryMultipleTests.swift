import Foundation
import Testing
import TestSupport

/// Peak resident memory per command, as a multiple of the image's RGBA8 size above the
/// process's own baseline (issue 18; the README's "Security and limits" table). Measured
/// on a 1200×900 photo, where fixed costs weigh more, so each bound is the stated
/// multiple plus 16 MB.
@Suite(.serialized) struct MemoryMultipleTests {
    /// The README's multiples (measured on a 2400×1800 photo, debug build).
    static let stated: [(name: String, multiple: Double, arguments: @Sendable (String, String) -> [String])] = [
        ("inspect", 1.5, { input, _ in ["inspect", input] }),
        ("convert to PNG", 2.5, { input, out in ["convert", input, "-o", out + "/a.png"] }),
        ("convert to WebP", 3.5, { input, out in ["convert", input, "-o", out + "/a.webp"] }),
        ("prepare for gpt-image-2", 3, { input, out in ["prepare", input, "--for", "gpt-image-2", "-o", out + "/p.png"] }),
        ("mask with feather", 3, { input, out in ["mask", "--like", input, "--ellipse", "50%,50%,20%,20%", "--feather", "20", "-o", out + "/m.png"] }),
        ("cutout", 4, { input, out in ["cutout", input, "-o", out + "/c.png"] }),
        ("diff with mask and heatmap", 7, { input, out in ["diff", input, out + "/a.png", "--mask", out + "/m.png", "--heatmap", out + "/h.png"] }),
        ("edit, local inpaint", 14, { input, out in
            ["edit", input, "--mask", out + "/small.png", "--prompt", "inpaint", "--provider", "local", "--no-workspace", "-o", out + "/e.png"] }),
    ]

    @Test(.tags(.slow)) func eachCommandStaysWithinItsStatedMultiple() throws {
        guard let conformance = Paths.conformance else { return }
        try withTemporaryDirectory { directory in
            let out = directory.path, input = out + "/photo.jpg"
            let photo = conformance.appendingPathComponent("photos/pets_friends_by_Aitzol_Berasategi.jpg").path
            let (resized, _) = try runBinary(["resize", photo, "--size", "1200x900", "-o", input])
            #expect(resized.status == 0, "\(resized.stderr)")
            let (small, _) = try runBinary(["mask", "--like", input, "--ellipse", "50%,50%,2%,2%", "-o", out + "/small.png"])
            #expect(small.status == 0, "\(small.stderr)")
            let (_, baseline) = try runBinary(["--version"])
            let imageBytes = 1200 * 900 * 4
            for command in Self.stated {
                let (result, peak) = try runBinary(command.arguments(input, out))
                #expect(result.status == 0, "\(command.name): \(result.stderr)")
                let bound = baseline + Int(command.multiple * Double(imageBytes)) + 16 << 20
                let multiple = Double(peak - baseline) / Double(imageBytes)
                #expect(peak <= bound, "\(command.name): peak \(peak >> 20) MB, \(String(format: "%.1f", multiple))× the image, over \(command.multiple)×")
            }
        }
    }
}
