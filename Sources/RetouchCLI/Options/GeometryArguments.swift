import ArgumentParser
import ImageCore
import ImageOps

/// Parsers for the geometry values the commands take (`WxH`, `W:H`, gravity).
enum GeometryArguments {
    /// `1024x768` (also `1024×768`).
    static func size(_ text: String, flag: String) throws -> PixelSize {
        let parts = text.lowercased().split { $0 == "x" || $0 == "×" }
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w >= 1, h >= 1 else {
            throw ValidationError("\(flag) \(text) is not a size: expected WIDTHxHEIGHT, e.g. 1024x768")
        }
        return PixelSize(width: w, height: h)
    }

    /// `4:5` (also `1.91:1`, scaled to integers).
    static func aspect(_ text: String) throws -> (width: Int, height: Int) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let w = Double(parts[0]), let h = Double(parts[1]), w > 0, h > 0 else {
            throw ValidationError("--aspect \(text) is not a ratio: expected W:H, e.g. 4:5")
        }
        return (Int((w * 1000).rounded()), Int((h * 1000).rounded()))
    }

    /// `center`, `entropy`, `attention`, `subject`, or `X,Y` as fractions (0…1: a value
    /// with a decimal point, or both below 1) or pixels.
    static func gravity(_ text: String) throws -> Gravity {
        switch text.lowercased() {
        case "center", "centre": return .center
        case "entropy": return .entropy
        case "attention": return .attention
        case "subject": return .subject
        default:
            let parts = text.split(separator: ",")
            guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]), x >= 0, y >= 0 else {
                throw ValidationError("--gravity \(text): expected center, entropy, attention, subject, or X,Y (fractions 0…1 or pixels)")
            }
            if x <= 1 && y <= 1 && (parts[0].contains(".") || parts[1].contains(".") || (x < 1 && y < 1)) {
                return .focal(x: x, y: y)
            }
            return .focalPixels(x: x, y: y)
        }
    }
}
