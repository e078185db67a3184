#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process environment: only the CLI reads it (API keys, base URLs).
enum Environment {
    /// The value of `name`, or nil when unset.
    static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
