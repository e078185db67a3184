import ImageCore
import ImagePipeline
import Testing

@Suite struct ReportEncoderTests {
    struct Inner: Encodable { var x: Int; var y: Double }
    struct Sample: Encodable {
        var name: String
        var missing: Double?
        var present: Int?
        var inner: Inner
        var list: [Inner]
        var rect: PixelRect?
        var flag: Bool
        var ratio: Double
    }

    static let sample = Sample(name: "a \"quoted\"\nline", missing: nil, present: 3, inner: Inner(x: 1, y: 0.5),
                               list: [Inner(x: 2, y: 1), Inner(x: 3, y: .infinity)], rect: PixelRect(x: 1, y: 2, width: 3, height: 4),
                               flag: true, ratio: 1e-05)

    @Test func keysComeInDeclarationOrderWithNullsKept() {
        #expect(ReportEncoder.text(Self.sample, pretty: false) ==
            #"{"name":"a \"quoted\"\nline","missing":null,"present":3,"inner":{"x":1,"y":0.5},"list":[{"x":2,"y":1.0},{"x":3,"y":null}],"rect":{"x":1,"y":2,"width":3,"height":4},"flag":true,"ratio":1e-05}"#)
    }

    @Test func prettyPrintingIndentsByTwoSpaces() {
        let text = ReportEncoder.text(Sample(name: "n", missing: nil, present: nil, inner: Inner(x: 1, y: 2), list: [], rect: nil, flag: false, ratio: 0))
        #expect(text == """
            {
              "name": "n",
              "missing": null,
              "present": null,
              "inner": {
                "x": 1,
                "y": 2.0
              },
              "list": [],
              "rect": null,
              "flag": false,
              "ratio": 0.0
            }
            """)
    }

    @Test func topLevelArraysAndScalarsEncode() {
        #expect(ReportEncoder.text([1, 2, 3], pretty: false) == "[1,2,3]")
        #expect(ReportEncoder.text("x", pretty: false) == #""x""#)
        #expect(ReportEncoder.text([PixelSize(width: 2, height: 1)], pretty: false) == #"[{"width":2,"height":1}]"#)
    }
}
