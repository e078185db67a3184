import ImageCodecs
import ImageCore
import ImageOps
import ImagePipeline
import Testing
import TestSupport

@Suite struct CutoutJobTests {
    /// A white 120×90 canvas with a blue 40×30 box at (50, 40).
    static func product(in directory: String) throws -> String {
        var image = PixelBuffer(width: 120, height: 90, format: .rgba8)
        for y in 0..<90 { for x in 0..<120 { image[x, y] = (50..<90).contains(x) && (40..<70).contains(y) ? [20, 60, 200, 255] : [255, 255, 255, 255] } }
        let path = directory + "/product.png"
        try FileAccess.write(try ImageCodec.encode(image, options: .png(.default)), to: path)
        return path
    }

    @Test func jpegWithoutAFillIsRefusedBeforeAnyWork() throws {
        try withTemporaryDirectory { directory in
            let output = directory.path + "/out.jpg"
            // The input does not even exist: the refusal comes first, naming the output.
            #expect(throws: FileError.self) {
                try CutoutJob.run(CutoutJobOptions(inputPath: directory.path + "/missing.png", outputPath: output, format: .jpeg))
            }
        }
    }

    @Test func finishingTrimsPadsAndFills() throws {
        try withTemporaryDirectory { directory in
            let input = try Self.product(in: directory.path)
            let output = directory.path + "/out.png"
            let report = try CutoutJob.run(CutoutJobOptions(inputPath: input, outputPath: output, format: .png,
                                                             finish: CutoutFinish(trim: true, pad: .pixels(5))))
            #expect(report.size == PixelSize(width: 50, height: 40))
            #expect(report.cutout.subjectBox == PixelRect(x: 50, y: 40, width: 40, height: 30))
            let written = try decodedFile(output)
            #expect(written.size == PixelSize(width: 50, height: 40))
            #expect(written[2, 2][3] == 0 && written[25, 20] == [20, 60, 200, 255])
            let filled = try CutoutJob.run(CutoutJobOptions(inputPath: input, outputPath: directory.path + "/f.jpg", format: .jpeg,
                                                             finish: CutoutFinish(fill: RGB8(red: 255, green: 255, blue: 255))))
            #expect(filled.size == PixelSize(width: 120, height: 90))
        }
    }

    @Test func percentMarginsFollowTheTrimmedSubject() {
        #expect(CutoutFinish.Margin.percentOfLongSide(10).pixels(longSide: 40) == 4)
        #expect(CutoutFinish.Margin.pixels(7).pixels(longSide: 1000) == 7)
    }
}
