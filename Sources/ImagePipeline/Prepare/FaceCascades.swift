import ImageCodecs
import ImageCore
import ImageOps

/// The face cascades attention gravity uses: OpenCV's frontal human face and frontal cat
/// face models, read once from where Debian's `opencv-data` (or Homebrew's opencv)
/// installs them. Empty when none is installed: attention then has no face cue.
enum FaceCascades {
    static let directories = [
        "/usr/share/opencv4/haarcascades", "/usr/share/opencv/haarcascades",
        "/usr/local/share/opencv4/haarcascades", "/opt/homebrew/share/opencv4/haarcascades",
    ]
    static let names = ["haarcascade_frontalface_default.xml", "haarcascade_frontalcatface.xml"]

    static let loaded: [FaceCascade] = names.compactMap { name in
        for directory in directories {
            let path = directory + "/" + name
            if FilePath.isRegularFile(path), let bytes = try? FileAccess.read(path), let cascade = FaceCascade(xml: bytes) { return cascade }
        }
        return nil
    }

    /// Faces (and cat faces) in `image`, largest first.
    static func faces(in image: PixelBuffer) -> [PixelRect] {
        loaded.flatMap { FaceDetector.detect(image, cascade: $0) }
    }
}
