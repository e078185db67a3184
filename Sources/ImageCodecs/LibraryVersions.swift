/// The codec libraries' versions: the first thing to ask for in a bug report.
public struct LibraryVersions: Sendable, Hashable {
    /// The linked libpng, e.g. "1.6.39".
    public var libpng: String
    /// libjpeg-turbo as compiled against, e.g. "libjpeg-turbo 2.1.5 (libjpeg API 62)".
    public var libjpeg: String
    /// The linked libwebp, e.g. "1.2.4".
    public var libwebp: String
}
