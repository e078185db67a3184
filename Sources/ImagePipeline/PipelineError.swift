/// A job that cannot produce its output as asked (the inputs were fine).
public enum PipelineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The encoded output is over a consumer's byte limit even at the strongest compression.
    case outputTooLarge(bytes: Int, limit: Int, what: String)
    /// The output format cannot carry what the job produced (e.g. alpha in JPEG);
    /// `advice` says what to do instead.
    case formatCannotHold(format: String, what: String, advice: String)
    /// A shapes file is not valid JSON of the documented form; `detail` says what and where.
    case invalidShapesFile(detail: String)
    /// A budget names a metric the report does not have (`reason` says why).
    case metricUnavailable(key: String, reason: String)
    /// A folder holds no input the job can use.
    case noInputs(folder: String, expected: String)
    /// `--max-bytes` could not be met: the smallest file tried and how it was made.
    case byteLimitUnreachable(path: String, bytes: Int, limit: Int, tried: String)
    /// An output would replace an input or another output of the same run (`other`
    /// names which); `advice` says how to name it instead.
    case outputCollision(path: String, what: String, other: String, advice: String)
    /// `cutout --strict`: the image does not look like a product on a plain backdrop.
    case notPlainBackdrop(reasons: [String])
    /// An output the user did not name (derived from another) already exists.
    case outputExists(path: String, what: String, advice: String)

    public var description: String {
        switch self {
        case .outputTooLarge(let bytes, let limit, let what):
            "\(bytes) bytes at maximum PNG compression, over the \(limit)-byte limit for \(what); use a smaller image or a simpler mask"
        case .formatCannotHold(let format, let what, let advice):
            "\(format) has no \(what); \(advice)"
        case .invalidShapesFile(let detail):
            "not a shapes file: \(detail)"
        case .metricUnavailable(let key, let reason):
            "budget key \(key) is not in the report: \(reason)"
        case .noInputs(let folder, let expected):
            "\(folder) holds no \(expected)"
        case .byteLimitUnreachable(let path, let bytes, let limit, let tried):
            "\(path): cannot fit --max-bytes \(limit): \(bytes) bytes at \(tried); raise the limit or choose JPEG or WebP"
        case .outputCollision(let path, let what, let other, let advice):
            "\(path): \(what) would replace \(other) (the same file); \(advice)"
        case .notPlainBackdrop(let reasons):
            "not a product on a plain backdrop (--strict): \(reasons.joined(separator: "; "))"
        case .outputExists(let path, let what, let advice):
            "\(path): \(what) exists and was not named on the command line, so it is not replaced; \(advice)"
        }
    }
}
