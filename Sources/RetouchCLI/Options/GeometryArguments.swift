import ArgumentParser
import ImageCore
import ImageOps

/// Parsers for the geometry values the commands take (`WxH`, `W:H`, gravity).
enum GeometryArguments {
    /// `1024x768` (also `1024×768`), within `OutputLimits`.
    static func size(_ text: String, flag: String) throws -> PixelSize {
        let parts = text.lowercased().split { $0 == "x" || $0 == "×" }
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w >= 1, h >= 1 else {
            throw ValidationError("\(flag) \(text) is not a size: expected WIDTHxHEIGHT, e.g. 1024x768")
        }
        do { try OutputLimits.check(width: w, height: h, what: flag) } catch { throw ValidationError(error.description) }
        return PixelSize(width: w, height: h)
    }

    /// A length in pixels for `flag`: finite, 0…`OutputLimits.maxDimension`.
    static func distance(_ value: Double, flag: String) throws -> Double {
        guard value.isFinite, value >= 0, value <= Double(OutputLimits.maxDimension) else {
            throw ValidationError("\(flag) \(value): expected a distance of 0…\(OutputLimits.maxDimension) pixels")
        }
        return value
    }

    /// `4:5` (also `1.91:1`, scaled to integers).
    static func aspect(_ text: String) throws -> (width: Int, height: Int) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let w = Double(parts[0]), let h = Double(parts[1]), w > 0, h > 0, w.isFinite, h.isFinite else {
            throw ValidationError("--aspect \(text) is not a ratio: expected W:H, e.g. 4:5")
        }
        guard w / h <= 100, h / w <= 100, w <= 1_000_000, h <= 1_000_000 else {
            throw ValidationError("--aspect \(text): expected a ratio between 1:100 and 100:1")
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
            guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]), x >= 0, y >= 0,
                  x <= Double(OutputLimits.maxDimension), y <= Double(OutputLimits.maxDimension) else {
                throw ValidationError("--gravity \(text): expected center, entropy, attention, subject, or X,Y (fractions 0…1 or pixels up to \(OutputLimits.maxDimension))")
            }
            if x <= 1 && y <= 1 && (parts[0].contains(".") || parts[1].contains(".") || (x < 1 && y < 1)) {
                return .focal(x: x, y: y)
            }
            return .focalPixels(x: x, y: y)
        }
    }
}
