import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// `HTTPTransport` over AsyncHTTPClient (the shared client: HTTP/1.1 and 2, TLS,
/// proxies from the environment). A delegate records whether the request body went out,
/// so a failure is reported as `notSent` or `sentNoAnswer` precisely.
public struct AsyncHTTPClientTransport: HTTPTransport {
    /// Largest response body accepted, in bytes (several 4K images in base64).
    public var maxResponseBytes: Int

    public init(maxResponseBytes: Int = 512 * 1024 * 1024) {
        self.maxResponseBytes = maxResponseBytes
    }

    public func send(_ request: HTTPRequestData, timeout: Duration, onBodyPart: (@Sendable ([UInt8]) -> Void)?) async throws -> HTTPResponseData {
        var headers = HTTPHeaders()
        for (name, value) in request.headers { headers.add(name: name, value: value) }
        let clientRequest: HTTPClient.Request
        do {
            clientRequest = try HTTPClient.Request(url: request.url, method: HTTPMethod(rawValue: request.method), headers: headers,
                                                   body: request.body.isEmpty ? nil : .bytes(request.body))
        } catch {
            throw TransportFailure.notSent("invalid URL \(request.url): \(error)")
        }
        let delegate = CollectingDelegate(limit: maxResponseBytes, onBodyPart: onBodyPart)
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        let task = HTTPClient.shared.execute(request: clientRequest, delegate: delegate, deadline: .now() + .nanoseconds(nanoseconds))
        do {
            return try await withTaskCancellationHandler {
                try await task.get()
            } onCancel: {
                task.cancel()
            }
        } catch let failure as TransportFailure {
            throw failure
        } catch {
            if Task.isCancelled { throw TransportFailure.cancelled }
            let reason = Self.describe(error)
            throw delegate.requestSent ? TransportFailure.sentNoAnswer(reason) : TransportFailure.notSent(reason)
        }
    }

    static func describe(_ error: any Error) -> String {
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded: return "timed out"
            case .readTimeout: return "read timed out"
            case .remoteConnectionClosed: return "the connection was closed"
            case .connectTimeout: return "connect timed out"
            default: return "\(client)"
            }
        }
        return "\(error)"
    }
}

/// Collects a response and notes when the request was fully sent.
private final class CollectingDelegate: HTTPClientResponseDelegate, @unchecked Sendable {
    typealias Response = HTTPResponseData

    private let lock = NIOLock()
    private var sent = false
    private var status = 0
    private var headers: [(String, String)] = []
    private var body: [UInt8] = []
    private let limit: Int
    private let onBodyPart: (@Sendable ([UInt8]) -> Void)?

    init(limit: Int, onBodyPart: (@Sendable ([UInt8]) -> Void)?) {
        self.limit = limit
        self.onBodyPart = onBodyPart
    }

    /// Whether the whole request went out (from the event loop; read after a failure).
    var requestSent: Bool { lock.withLock { sent } }

    func didSendRequestPart(task: HTTPClient.Task<Response>, _ part: IOData) {
        lock.withLock { sent = true }
    }

    func didSendRequest(task: HTTPClient.Task<Response>) {
        lock.withLock { sent = true }
    }

    func didReceiveHead(task: HTTPClient.Task<Response>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        lock.withLock {
            sent = true
            status = Int(head.status.code)
            headers = head.headers.map { ($0.name, $0.value) }
        }
        return task.eventLoop.makeSucceededFuture(())
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Response>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let bytes = Array(buffer.readableBytesView)
        let over = lock.withLock { () -> Bool in
            body += bytes
            return body.count > limit
        }
        if over { return task.eventLoop.makeFailedFuture(TransportFailure.responseTooLarge(limit: limit)) }
        onBodyPart?(bytes)
        return task.eventLoop.makeSucceededFuture(())
    }

    func didFinishRequest(task: HTTPClient.Task<Response>) throws -> Response {
        lock.withLock { HTTPResponseData(status: status, headers: headers, body: body) }
    }
}
