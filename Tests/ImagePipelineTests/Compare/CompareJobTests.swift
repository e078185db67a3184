import ImageCodecs
import ImageCore
import ImageOps
import ImagePipeline
import Testing
import TestSupport

@Suite struct CompareJobTests {
    /// A 64×48 gradient and a copy with a 16×16 block changed.
    static func pair(in directory: String) throws -> (a: String, b: String) {
        let a = SyntheticImages.gradient(width: 64, height: 48)
        var b = a
        for y in 8..<24 { for x in 8..<24 { b[x, y] = [255, 0, 0, 255] } }
        let pathA = directory + "/a.png", pathB = directory + "/b.png"
        try FileAccess.write(try ImageCodec.encode(a, options: .png(.default)), to: pathA)
        try FileAccess.write(try ImageCodec.encode(b, options: .png(.default)), to: pathB)
        return (pathA, pathB)
    }

    @Test func metricKeysParseTheDocumentedPaths() {
        for key in ["ssim", "psnr", "deltaE2000.p95", "changedFraction", "pixelmatch", "width", "outside.changedFraction",
                    "regions.inside.psnr", "inside.pixels", "alignment.dx", "alpha.max"] {
            #expect(CompareMetric(key) != nil, "\(key)")
        }
        for key in ["sharpness", "pixels", "deltaE2000", "regions.ssim", "inside.sharpness", "alpha", "a"] {
            #expect(CompareMetric(key) == nil, "\(key)")
        }
    }

    @Test func budgetsReadTypedMetrics() throws {
        try withTemporaryDirectory { directory in
            let (a, b) = try Self.pair(in: directory.path)
            let budgets = [Budget("changedPixels=100", isMaximum: true)!, Budget("ssim=0.5", isMaximum: false)!, Budget("pixelmatch=1000", isMaximum: true)!]
            let report = try CompareJob.run(CompareJobOptions(aPath: a, bPath: b, budgets: budgets))
            #expect(report.comparison.whole.changedPixels == 256)
            #expect(report.violations == ["changedPixels = 256.0 is above the maximum 100.0"])
            // A region budget without a mask is refused, naming the key.
            #expect(throws: PipelineError.metricUnavailable(key: "outside.ssim", reason: "inside and outside need --mask")) {
                try CompareJob.run(CompareJobOptions(aPath: a, bPath: b, budgets: [Budget("outside.ssim=0.9", isMaximum: false)!]))
            }
        }
    }

    @Test func identicalImagesHaveAnInfinitePSNRBudgetValue() throws {
        try withTemporaryDirectory { directory in
            let (a, _) = try Self.pair(in: directory.path)
            let report = try CompareJob.run(CompareJobOptions(aPath: a, bPath: a, budgets: [Budget("psnr=60", isMaximum: false)!]))
            #expect(report.comparison.whole.psnr == nil && report.violations.isEmpty)
        }
    }

    @Test func aMaskOfAnotherSizeIsBlamedOnTheMask() throws {
        try withTemporaryDirectory { directory in
            let (a, b) = try Self.pair(in: directory.path)
            let mask = directory.path + "/mask.png"
            try FileAccess.write(try ImageCodec.encode(Mask(width: 10, height: 10).grayBuffer, options: .png(.default)), to: mask)
            do {
                _ = try CompareJob.run(CompareJobOptions(aPath: a, bPath: b, maskPath: mask))
                Issue.record("no error")
            } catch let error as FileError {
                #expect(error.path == mask)
            }
        }
    }
}
