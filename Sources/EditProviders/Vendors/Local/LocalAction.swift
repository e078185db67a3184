public import ImageCore

/// What the offline provider does, read from the user's prompt (it has no model to
/// understand anything else).
public enum LocalAction: Sendable, Equatable {
    /// "inpaint …" or "remove …": fill the masked area from its surroundings (needs a mask).
    case fill
    /// "background #RRGGBB": replace a plain backdrop with this colour, through the cutout.
    case background(RGB8)

    /// What the local provider understands, for error messages.
    public static let repertoire = "\"inpaint\" or \"remove …\" (fill the masked area from its surroundings; needs a mask) and \"background #RRGGBB\" (replace a plain backdrop)"

    /// - Throws: `EditProviderError.invalidRequest` naming the prompt and what the local
    ///   provider can do.
    public init(prompt: String) throws(EditProviderError) {
        let words = prompt.lowercased().split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
        switch words.first {
        case "inpaint", "remove":
            self = .fill
        case "background":
            guard words.count == 2, let colour = RGB8(hex: words[1]) else {
                throw .invalidRequest(parameter: "--prompt", value: "\"\(prompt)\"", rule: "the local provider takes \"background #RRGGBB\"")
            }
            self = .background(colour)
        default:
            throw .invalidRequest(parameter: "--prompt", value: "\"\(prompt)\"", rule: "the local provider can do only \(Self.repertoire); use a model provider for anything else")
        }
    }
}
