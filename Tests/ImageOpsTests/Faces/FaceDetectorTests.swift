import Foundation
import ImageCodecs
import ImageCore
import ImageOps
import Testing
import TestSupport

/// Face detection with Debian's opencv-data cascade (skipped when it is not installed,
/// unless RETOUCH_REQUIRE_CASCADE=1, as CI sets).
@Suite struct FaceDetectorTests {
    static let cascadePath = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml"

    static func cascade() throws -> FaceCascade? {
        guard FileManager.default.fileExists(atPath: cascadePath) else {
            if ProcessInfo.processInfo.environment["RETOUCH_REQUIRE_CASCADE"] == "1" { Issue.record("\(cascadePath) is missing (apt-get install opencv-data)") }
            return nil
        }
        return try #require(FaceCascade(xml: [UInt8](try Data(contentsOf: URL(fileURLWithPath: cascadePath)))))
    }

    /// skimage's astronaut: one face, Eileen Collins', whose box (annotated by hand on the
    /// 512×512 image: forehead to chin, ear to ear) is about x 170…290, y 55…185.
    @Test func findsTheAstronautsFace() throws {
        guard let cascade = try Self.cascade(), let conformance = Paths.conformance else { return }
        let image = try decodedFile(conformance.appendingPathComponent("photos/portrait_astronaut_skimage.png").path)
        let faces = FaceDetector.detect(image, cascade: cascade)
        let face = try #require(faces.first, "no face found")
        let truth = PixelRect(x: 170, y: 55, width: 120, height: 130)
        let overlap = Double(face.intersection(truth)?.size.area ?? 0) / Double(face.size.area + truth.size.area - (face.intersection(truth)?.size.area ?? 0))
        #expect(overlap > 0.5, "\(faces)")
    }

    @Test func malformedCascadesAreRefused() {
        #expect(FaceCascade(xml: Array("<opencv_storage></opencv_storage>".utf8)) == nil)
        #expect(FaceCascade(xml: Array("<featureType>LBP</featureType>".utf8)) == nil)
        #expect(FaceCascade(xml: Array("<featureType>HAAR</featureType><width>24</width><height>24</height><stageThreshold>1e30</stageThreshold><internalNodes>0 -1 99 nan</internalNodes>".utf8)) == nil)
    }
}
