/// An incremental `text/event-stream` parser: feed it body parts as they arrive, get back
/// the events completed so far (`event:` name and the `data:` lines joined by newlines).
public struct ServerSentEvents: Sendable {
    /// One event.
    public struct Event: Sendable, Hashable {
        public var name: String?
        public var data: String

        public init(name: String?, data: String) {
            self.name = name
            self.data = data
        }
    }

    private var pending: [UInt8] = []

    public init() {}

    /// The events completed by `bytes` (an event ends at a blank line).
    public mutating func feed(_ bytes: [UInt8]) -> [Event] {
        pending += bytes
        var events: [Event] = []
        var lineStart = 0, eventStart = 0
        var name: String?, data: [String] = []
        var index = 0
        while index < pending.count {
            guard pending[index] == 10 else { index += 1; continue }   // \n
            var end = index
            if end > lineStart && pending[end - 1] == 13 { end -= 1 }   // \r\n
            let line = String(decoding: pending[lineStart..<end], as: UTF8.self)
            if line.isEmpty {
                if name != nil || !data.isEmpty { events.append(Event(name: name, data: data.joined(separator: "\n"))) }
                name = nil
                data = []
                eventStart = index + 1
            } else if line.hasPrefix("event:") {
                name = String(line.dropFirst(6)).trimmingSpaces
            } else if line.hasPrefix("data:") {
                var value = line.dropFirst(5)
                if value.first == " " { value = value.dropFirst() }
                data.append(String(value))
            }
            index += 1
            lineStart = index
        }
        pending.removeFirst(eventStart)
        return events
    }
}
