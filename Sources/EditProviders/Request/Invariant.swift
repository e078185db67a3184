/// Something the edit must keep or respect: a protection chip (`--keep face`) or a rule
/// (`--only-mask`). Each becomes one sentence appended to the prompt.
public enum Invariant: String, Sendable, Hashable, CaseIterable {
    case face, hair, skinTone = "skin-tone", expression, pose, body, label, logo, text
    case productShape = "product-shape", materials, background, cameraAngle = "camera-angle", composition, lighting
    /// Change only the masked area.
    case onlyMask = "only-mask"
    /// Light the new content like the rest of the scene.
    case matchLighting = "match-lighting"
    /// Ground new objects with a contact shadow.
    case contactShadow = "contact-shadow"
    /// Add no text that was not asked for.
    case noNewText = "no-new-text"

    /// The chips `--keep` accepts (the rules have flags of their own).
    public static let keepable: [Invariant] = [.face, .hair, .skinTone, .expression, .pose, .body, .label, .logo, .text,
                                               .productShape, .materials, .background, .cameraAngle, .composition, .lighting]

    /// The chips of a `--keep` list ("face,hair", or several such), in order.
    ///
    /// - Throws: `EditProviderError.invalidRequest` naming `parameter` and the first name
    ///   that is not a chip.
    public static func keepList(_ lists: [String], parameter: String = "--keep") throws(EditProviderError) -> [Invariant] {
        var chips: [Invariant] = []
        for name in lists.flatMap({ $0.split(separator: ",").map(String.init) }) {
            guard let chip = Invariant(rawValue: name), keepable.contains(chip) else {
                throw .invalidRequest(parameter: parameter, value: name, rule: "expected \(keepable.map(\.rawValue).joined(separator: ", "))")
            }
            chips.append(chip)
        }
        return chips
    }

    /// The sentence this invariant adds to the prompt.
    public var sentence: String {
        switch self {
        case .face: "Keep the person's face exactly as it is: same identity, features, proportions and age."
        case .hair: "Keep the hair unchanged in style, colour, length and parting."
        case .skinTone: "Keep the skin tone exactly as it is; do not lighten, darken or retouch it."
        case .expression: "Keep the facial expression unchanged."
        case .pose: "Keep the pose and the position of the body and limbs unchanged."
        case .body: "Keep the body shape and proportions unchanged."
        case .label: "Keep the product label unchanged: same layout, colours and wording."
        case .logo: "Keep every logo exactly as it is, without redrawing or distorting it."
        case .text: "Keep all existing text letter for letter, in the same font, size and position."
        case .productShape: "Keep the product's shape, silhouette and proportions exactly as they are."
        case .materials: "Keep the materials and surface finishes (texture, gloss, colour) unchanged."
        case .background: "Keep the background unchanged."
        case .cameraAngle: "Keep the camera angle, perspective and focal length unchanged."
        case .composition: "Keep the composition and framing unchanged: nothing moves or is cropped."
        case .lighting: "Keep the lighting unchanged: same direction, softness and colour temperature."
        case .onlyMask: "Change only the masked area; leave every other pixel as it is."
        case .matchLighting: "Light anything new to match the scene's existing light direction, softness and colour."
        case .contactShadow: "Give anything placed on a surface a soft, realistic contact shadow."
        case .noNewText: "Do not add any text, letters, numbers or watermarks."
        }
    }
}
