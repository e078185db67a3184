import AsyncHTTPClient
import Foundation
import NIOCore

/// A minimal W3C WebDriver client for Debian's `chromedriver` driving headless `chromium`:
/// enough to load a page, run scripts, click, read the browser console and take
/// screenshots. Started and stopped by the test.
final class WebDriver: @unchecked Sendable {
    enum Failure: Error, CustomStringConvertible {
        case missing(String)
        case protocolError(String)
        var description: String {
            switch self {
            case .missing(let what): "not installed: \(what)"
            case .protocolError(let what): "WebDriver: \(what)"
            }
        }
    }

    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    /// Where chromium and chromedriver are (nil when either is missing).
    static var installed: (browser: String, driver: String)? {
        let browser = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let driver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let browser, let driver else { return nil }
        return (browser, driver)
    }

    private let process: Process
    private let base: URL
    private var session = ""

    /// Starts chromedriver on a free port and a headless browser session.
    init(windowWidth: Int = 1400, windowHeight: Int = 1000) async throws {
        guard let (browser, driver) = Self.installed else { throw Failure.missing("chromium and chromium-driver") }
        let port = 20_000 + Int.random(in: 0..<20_000)
        process = Process()
        process.executableURL = URL(fileURLWithPath: driver)
        process.arguments = ["--port=\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        base = URL(string: "http://127.0.0.1:\(port)")!
        // Wait until it answers (up to 20 s).
        var ready = false, last = ""
        for _ in 0..<200 {
            do {
                if (try await request("GET", "/status")["value"] as? [String: Any])?["ready"] as? Bool == true { ready = true; break }
            } catch {
                last = "\(error)"
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        guard ready else { stop(); throw Failure.protocolError("chromedriver did not start on port \(port): \(last)") }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": ["binary": browser, "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                                                "--hide-scrollbars", "--window-size=\(windowWidth),\(windowHeight)"]],
            "goog:loggingPrefs": ["browser": "ALL"],
        ] as [String: Any]]]
        let created = try await request("POST", "/session", capabilities)
        guard let value = created["value"] as? [String: Any], let id = value["sessionId"] as? String else {
            stop()
            throw Failure.protocolError("no session: \(created)")
        }
        session = id
    }

    func quit() async {
        _ = try? await request("DELETE", "/session/\(session)")
        stop()
    }

    /// Ends chromedriver (SIGKILL: it may ignore SIGTERM while a session is open).
    private func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func open(_ url: URL) async throws {
        _ = try await command("POST", "url", ["url": url.absoluteString])
    }

    /// Runs `script` (a function body; `arguments` as its `arguments`) and returns its value.
    func execute(_ script: String, _ arguments: [Any] = []) async throws -> Any? {
        try await command("POST", "execute/sync", ["script": script, "args": arguments])
    }

    /// The WebDriver reference of the element matching `selector`.
    func element(_ selector: String) async throws -> [String: String] {
        guard let found = try await command("POST", "element", ["using": "css selector", "value": selector]) as? [String: String] else {
            throw Failure.protocolError("no element \(selector)")
        }
        return found
    }

    func click(_ selector: String) async throws {
        let reference = try await element(selector)
        _ = try await command("POST", "element/\(reference[Self.elementKey] ?? "")/click", [:])
    }

    /// A real mouse click `dx` pixels right of the element's centre (negative: left).
    func click(_ selector: String, dx: Int) async throws {
        let reference = try await element(selector)
        let pointer: [String: Any] = ["type": "pointer", "id": "mouse", "parameters": ["pointerType": "mouse"], "actions": [
            ["type": "pointerMove", "origin": reference, "x": dx, "y": 0],
            ["type": "pointerDown", "button": 0], ["type": "pointerUp", "button": 0],
        ]]
        _ = try await command("POST", "actions", ["actions": [pointer]])
    }

    /// The browser console since the last call: (level, message).
    func consoleLog() async throws -> [(level: String, message: String)] {
        let entries = try await command("POST", "se/log", ["type": "browser"]) as? [[String: Any]] ?? []
        return entries.map { ($0["level"] as? String ?? "", $0["message"] as? String ?? "") }
    }

    /// A PNG of the viewport.
    func screenshot() async throws -> [UInt8] {
        guard let text = try await command("GET", "screenshot") as? String, let data = Data(base64Encoded: text) else {
            throw Failure.protocolError("no screenshot")
        }
        return Array(data)
    }

    private func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        let answer = try await request(method, "/session/\(session)/\(path)", body)
        if let value = answer["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure.protocolError("\(path): \(error): \(value["message"] as? String ?? "")")
        }
        return answer["value"]
    }

    private func request(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: base.absoluteString + path)
        request.method = .RAW(value: method)
        if let body {
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
            request.headers.add(name: "Content-Type", value: "application/json")
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let data = try await response.body.collect(upTo: 64 << 20)
        return (try JSONSerialization.jsonObject(with: Data(data.readableBytesView))) as? [String: Any] ?? [:]
    }
}
