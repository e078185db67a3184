/// The `quality` an image model renders at; `auto` lets the provider choose. `xhigh` and
/// `max` exist only for the gpt-image-2.5 models (spec §7).
public enum EditQuality: String, Sendable, Hashable, CaseIterable {
    case low, medium, high, auto, xhigh, max
}
