/// The `background` of the output: `transparent` needs PNG or WebP output and a model
/// whose profile allows it.
public enum EditBackground: String, Sendable, Hashable, CaseIterable {
    case auto, opaque, transparent
}
