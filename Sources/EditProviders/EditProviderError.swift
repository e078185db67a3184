/// Why an edit provider cannot do what was asked.
public enum EditProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No model has this id.
    case unknownModel(String, known: [String])
    /// The model was shut down; `replacement` is the model to use instead.
    case modelRetired(String, date: String, replacement: String)

    public var description: String {
        switch self {
        case .unknownModel(let id, let known):
            "unknown model \(id); known models: \(known.joined(separator: ", "))"
        case .modelRetired(let id, let date, let replacement):
            "model \(id) was retired on \(date); use \(replacement) instead"
        }
    }
}
