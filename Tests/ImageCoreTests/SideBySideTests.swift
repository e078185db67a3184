import ImageCore
import Testing

/// Both pieces of work run and each result comes back in its own place (whether they
/// overlap depends on free threads, so that is not asserted).
@Suite struct SideBySideTests {
    @Test func eachResultComesBackInItsPlace() {
        let (text, number) = SideBySide.run({ String(repeating: "a", count: 3) }, { (1...10).reduce(0, +) })
        #expect(text == "aaa" && number == 55)
    }
}
