import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A one-thread HTTP/1.1 server on 127.0.0.1 for tests that run the `retouch` binary
/// against a fake provider: it reads each request whole (headers and Content-Length
/// body), counts it, then answers `answer` at once, or holds the connection open without
/// answering while `hanging` is set (a slow model).
final class LoopbackServer: Sendable {
    let port: Int
    private let socket: Int32
    private let state = Mutex(State())

    /// An answer: status, extra headers, body.
    typealias Reply = (status: Int, headers: [(String, String)], body: [UInt8])
    /// Decides the answer to request `index` (0-based) from its body; nil: hold it open
    /// without answering.
    typealias Script = @Sendable (_ index: Int, _ body: [UInt8]) -> Reply?

    private struct State {
        var script: Script?
        var received = 0
        var hanging = false
        var answer: (status: Int, body: [UInt8]) = (200, [])
        var open: [Int32] = []
        var stopped = false
    }

    init() throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw CocoaError(.fileWriteUnknown) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        socket = fd
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// Requests read whole so far.
    var received: Int { state.withLock { $0.received } }

    /// Answer every request with `body` (JSON) and `status`.
    func answer(status: Int = 200, json body: String) {
        state.withLock { $0.answer = (status, Array(body.utf8)); $0.hanging = false }
    }

    /// Answer by `script` from now on.
    func script(_ script: @escaping Script) { state.withLock { $0.script = script; $0.hanging = false } }

    /// Read requests but never answer them (until `answer` is called or the server stops).
    func hang() { state.withLock { $0.hanging = true } }

    /// Stops serving. Sockets are only shut down here (which wakes their threads); each
    /// thread closes its own, so no descriptor is closed twice (a second close could hit a
    /// descriptor the process has reused, such as an event loop's).
    func stop() {
        let open = state.withLock { s -> [Int32] in s.stopped = true; return s.open }
        open.forEach { shutdown($0, Int32(SHUT_RDWR)) }
        shutdown(socket, Int32(SHUT_RDWR))
    }

    /// Waits up to `seconds` for `count` requests to have been read.
    func waitForRequests(_ count: Int, seconds: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if received >= count { return true }
            usleep(20_000)
        }
        return false
    }

    private func serve() {
        defer { close(socket) }
        while !state.withLock({ $0.stopped }) {
            let client = accept(socket, nil, nil)
            guard client >= 0 else { if state.withLock({ $0.stopped }) { return }; continue }
            let stopped = state.withLock { s -> Bool in
                if !s.stopped { s.open.append(client) }
                return s.stopped
            }
            if stopped { close(client); return }
            let thread = Thread { [self] in handle(client) }
            thread.start()
        }
    }

    private func handle(_ client: Int32) {
        defer {
            state.withLock { s in s.open.removeAll { $0 == client } }
            close(client)
        }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        var headerEnd: Int?
        var expected = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return }
            buffer += chunk[0..<count]
            if headerEnd == nil, let end = find([13, 10, 13, 10], in: buffer) {
                headerEnd = end + 4
                let head = String(decoding: buffer[0..<end], as: UTF8.self).lowercased()
                for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
                    expected = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            if let headerEnd, buffer.count - headerEnd >= expected { break }
        }
        let (index, script) = state.withLock { s -> (Int, Script?) in s.received += 1; return (s.received - 1, s.script) }
        let body = headerEnd.map { Array(buffer[$0...]) } ?? []
        let reply: Reply
        if let script {
            guard let scripted = script(index, body) else {
                while !state.withLock({ $0.stopped }) { usleep(20_000) }
                return
            }
            reply = scripted
        } else {
            // Hold the connection while hanging.
            while state.withLock({ $0.hanging && !$0.stopped }) { usleep(20_000) }
            let answer = state.withLock { $0.answer }
            reply = (answer.status, [], answer.body)
        }
        var head = "HTTP/1.1 \(reply.status) \(reply.status == 200 ? "OK" : "Error")\r\nContent-Type: application/json\r\nContent-Length: \(reply.body.count)\r\nConnection: close\r\n"
        for (name, value) in reply.headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        let bytes = Array(head.utf8) + reply.body
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { break }
            sent += count
        }
        shutdown(client, Int32(SHUT_RDWR))
    }

    private func find(_ pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        for i in 0...(bytes.count - pattern.count) where Array(bytes[i..<(i + pattern.count)]) == pattern { return i }
        return nil
    }
}
