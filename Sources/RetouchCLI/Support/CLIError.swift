/// Errors the CLI raises itself: arguments that are wrong in a way only known after
/// reading the inputs. Library errors keep their own types.
public enum CLIError: Error, Sendable, Equatable, CustomStringConvertible {
    case usage(String)

    public var description: String {
        switch self {
        case .usage(let message): message
        }
    }
}
