/// How closely the model keeps the input's details (`input_fidelity`).
public enum InputFidelity: String, Sendable, Hashable, CaseIterable {
    case low, high
}
