import ImageCodecs
import ImageCore
import Testing
import TestSupport

/// Every conformance file cut at 10 %, 50 % and 90 % of its length throws a `CodecError`
/// (a lenient JPEG decode may instead return a warning); nothing crashes or prints.
@Suite(.requiresConformance) struct TruncationTests {
    static let files: [String] =
        Conformance.files(in: "pngsuite", extensions: ["png"]).filter { !$0.contains("/x") }
        + Conformance.files(in: "jpeg", extensions: ["jpg"]).filter { !$0.hasSuffix("empty.jpg") }
        + Conformance.files(in: "webp", extensions: ["webp"]).filter { !$0.hasSuffix("empty.webp") }
        + Conformance.files(in: "exif-orientation", extensions: ["jpg"])

    @Test func corpusIsLarge() {
        #expect(Self.files.count > 300)
    }

    @Test(arguments: files)
    func truncatedFileThrows(file: String) throws {
        let bytes = try Conformance.bytes(file)
        for percent in [10, 50, 90] {
            let cut = Array(bytes.prefix(bytes.count * percent / 100))
            #expect(throws: CodecError.self, "\(file) cut at \(percent) %") {
                try ImageCodec.decode(cut, options: DecodingOptions(animation: .firstFrame))
            }
            if file.hasSuffix(".jpg") {
                // A cut inside the headers throws even when lenient: nothing to fill.
                if let lenient = try? ImageCodec.decode(cut, options: DecodingOptions(lenient: true)) {
                    #expect(!lenient.warnings.isEmpty, "\(file) cut at \(percent) %: lenient decode without warning")
                }
            }
        }
    }
}
