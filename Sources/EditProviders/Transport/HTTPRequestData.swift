/// An HTTP request as a transport sends it: our own type, no HTTP library's.
public struct HTTPRequestData: Sendable {
    public var method: String
    /// Absolute URL (`https://…` or `http://127.0.0.1:…`).
    public var url: String
    /// Header fields in order; names as sent.
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(method: String, url: String, headers: [(String, String)], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}
