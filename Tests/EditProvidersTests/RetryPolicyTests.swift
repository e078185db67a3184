import EditProviders
import Testing
import TestSupport

@Suite struct RetryPolicyTests {
    static func response(_ status: Int, _ headers: [(String, String)] = []) -> HTTPResponseData {
        HTTPResponseData(status: status, headers: headers, body: [])
    }

    @Test func whichAnswersAreRetried() {
        for status in [408, 409, 429, 500, 502, 503] { #expect(RetryPolicy.isRetryable(Self.response(status)), "\(status)") }
        for status in [400, 401, 403, 404, 422] { #expect(!RetryPolicy.isRetryable(Self.response(status)), "\(status)") }
        #expect(!RetryPolicy.isRetryable(Self.response(500, [("x-should-retry", "false")])))
        #expect(RetryPolicy.isRetryable(Self.response(400, [("X-Should-Retry", "true")])))
    }

    @Test func serverWaitsComeFromTheHeaders() {
        #expect(RetryPolicy.delay(retry: 0, after: Self.response(429, [("Retry-After", "1")]), jitter: 1) == 1)
        #expect(RetryPolicy.delay(retry: 0, after: Self.response(429, [("retry-after-ms", "250"), ("Retry-After", "9")]), jitter: 1) == 0.25)
        // Over 120 s: do not retry.
        #expect(RetryPolicy.delay(retry: 0, after: Self.response(429, [("Retry-After", "121")]), jitter: 1) == nil)
        // An HTTP date 30 s ahead.
        let date = Self.response(503, [("Retry-After", "Sun, 06 Nov 1994 08:50:07 GMT")])
        #expect(RetryPolicy.serverWait(date, now: 784_111_777) == 30)
    }

    /// `Retry-After` dates with out-of-range fields are not dates: the fuzzer's header
    /// (`… 05 Nov 93 0/:4F:39999999999:3#… GMT`, `Fixtures/regression/`) trapped on
    /// arithmetic overflow, so a hostile server could end the process.
    @Test func anOutOfRangeRetryAfterDateIsIgnored() throws {
        let found = try FixtureFiles.bytes("regression/providers-retry-after-date-overflow.bin")
        let header = String(decoding: found.dropFirst(2).prefix { $0 != 0 }, as: UTF8.self)
        for text in [header, "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 32 Nov 1994 08:50:07 GMT", "Sun, 06 Nov 99999999999999 08:50:07 GMT",
                     "Sun, 06 Nov 1994 08:99999999999999999:07 GMT", "Sun, 6 Nov 1994 08:50:07 GMT", "Sun, 06 Nov 1994 08:50:07:01 GMT"] {
            #expect(RetryPolicy.serverWait(Self.response(503, [("Retry-After", text)]), now: 784_111_777) == nil, "\(text)")
        }
        #expect(RetryPolicy.serverWait(Self.response(503, [("Retry-After", "Sun, 06 Nov 1994 08:50:07 GMT")]), now: 784_111_777) == 30)
    }

    @Test func backoffDoublesFromHalfASecondToEight() {
        #expect(RetryPolicy.delay(retry: 0, after: nil, jitter: 1) == 0.5)
        #expect(RetryPolicy.delay(retry: 1, after: nil, jitter: 1) == 1)
        #expect(RetryPolicy.delay(retry: 4, after: nil, jitter: 1) == 8)
        #expect(RetryPolicy.delay(retry: 9, after: nil, jitter: 0.75) == 6)
    }

    @Test func eventsAreSplitAtBlankLinesAcrossChunks() {
        var parser = ServerSentEvents()
        #expect(parser.feed(Array("event: a\ndata: {\"x\"".utf8)).isEmpty)
        let events = parser.feed(Array(": 1}\n\nevent: b\r\ndata: one\r\ndata: two\r\n\r\n".utf8))
        #expect(events == [ServerSentEvents.Event(name: "a", data: "{\"x\": 1}"), ServerSentEvents.Event(name: "b", data: "one\ntwo")])
    }
}
