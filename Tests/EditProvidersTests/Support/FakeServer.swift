import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// An HTTP/1.1 server on 127.0.0.1 inside the test process: it records every request and
/// answers with scripted replies, in order (the last one repeats).
final class FakeServer: Sendable {
    /// One recorded request.
    struct Recorded: Sendable {
        var method: String
        var uri: String
        var headers: [(String, String)]
        var body: [UInt8]
        /// Seconds since the server started, when the request ended.
        var time: Double

        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    }

    /// How to answer one request.
    enum Reply: Sendable {
        /// A status, headers and body, after `delay` seconds.
        case respond(status: Int, headers: [(String, String)] = [], body: String = "", delay: Double = 0)
        /// JSON with `Content-Type: application/json`.
        case json(status: Int, body: String, headers: [(String, String)] = [])
        /// Binary content (an image download).
        case data(status: Int, headers: [(String, String)], body: [UInt8])
        /// Close the connection once the request is in, without an answer.
        case close
        /// A `text/event-stream` sent as these chunks, `interval` seconds apart.
        case events([String], interval: Double)
    }

    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let state = NIOLockedValueBox<(replies: [Reply], next: Int, recorded: [Recorded])>(([], 0, []))
    private let started = ContinuousClock.now
    private let channel: NIOLockedValueBox<(any Channel)?> = NIOLockedValueBox(nil)

    init(_ replies: [Reply]) {
        state.withLockedValue { $0.replies = replies }
    }

    /// Replaces the script (for replies that must name the server's own URL).
    func setReplies(_ replies: [Reply]) {
        state.withLockedValue { $0.replies = replies; $0.next = 0 }
    }

    /// Starts listening on an ephemeral port of 127.0.0.1; returns the base URL.
    func start() async throws -> String {
        let server = self
        let bound = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(server: server))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        channel.withLockedValue { $0 = bound }
        return "http://127.0.0.1:\(bound.localAddress!.port!)/v1"
    }

    func stop() async {
        let bound = channel.withLockedValue { $0 }
        try? await bound?.close().get()
        try? await group.shutdownGracefully()
    }

    /// The requests received so far.
    var requests: [Recorded] { state.withLockedValue { $0.recorded } }

    fileprivate func record(_ request: Recorded) -> Reply {
        state.withLockedValue { s in
            var request = request
            request.time = (ContinuousClock.now - started).seconds
            s.recorded.append(request)
            let reply = s.replies[min(s.next, s.replies.count - 1)]
            s.next += 1
            return reply
        }
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let server: FakeServer
        var head: HTTPRequestHead?
        var body: [UInt8] = []

        init(server: FakeServer) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let h): head = h; body = []
            case .body(var buffer): body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let head else { return }
                let reply = server.record(Recorded(method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) }, body: body, time: 0))
                answer(reply, context: context)
            }
        }

        func answer(_ reply: Reply, context: ChannelHandlerContext) {
            let loop = context.eventLoop.assumeIsolated()
            switch reply {
            case .close:
                context.close(promise: nil)
            case .json(let status, let body, let headers):
                answer(.respond(status: status, headers: [("Content-Type", "application/json")] + headers, body: body), context: context)
            case .data(let status, let headers, let body):
                send(status: status, headers: headers, body: body, context: context)
            case .respond(let status, let headers, let body, let delay):
                loop.scheduleTask(in: .milliseconds(Int64(delay * 1000))) {
                    self.send(status: status, headers: headers, body: Array(body.utf8), context: context)
                }
            case .events(let chunks, let interval):
                let fields = HTTPHeaders([("Content-Type", "text/event-stream"), ("Transfer-Encoding", "chunked")])
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: fields))), promise: nil)
                for (index, chunk) in chunks.enumerated() {
                    loop.scheduleTask(in: .milliseconds(Int64(Double(index + 1) * interval * 1000))) {
                        context.writeAndFlush(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: chunk)))), promise: nil)
                        if index == chunks.count - 1 { context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil) }
                    }
                }
            }
        }

        func send(status: Int, headers: [(String, String)], body: [UInt8], context: ChannelHandlerContext) {
            var fields = HTTPHeaders(headers)
            fields.add(name: "Content-Length", value: String(body.count))
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: fields))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
