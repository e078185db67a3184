import Foundation
import Testing
import TestSupport

/// The README's JSON is the contract: its shapes-file example is a valid shapes file, and
/// every documented `--json` key list is the order the commands print.
@Suite struct ReadmeTests {
    static let readme: String = {
        (try? String(contentsOf: Paths.fixtures.deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    }()
    static let coffee = FixtureFiles.path("inputs/coffee.png")

    /// The text between `start` (inclusive) and the end of the first balanced `{…}` after it.
    static func braces(after marker: String) throws -> String {
        let text = try #require(readme.range(of: marker).map { String(readme[$0.upperBound...]) }, "README has no \(marker)")
        let open = try #require(text.firstIndex(of: "{"))
        var depth = 0
        for index in text[open...].indices {
            if text[index] == "{" { depth += 1 }
            if text[index] == "}" { depth -= 1; if depth == 0 { return String(text[open...index]) } }
        }
        Issue.record("unbalanced braces after \(marker)")
        return ""
    }

    /// Top-level member names of a JSON object, or of the README's `{a, b: {…}, c}`
    /// notation, in order: identifiers right after `{` or `,` at depth 1, outside strings.
    static func topLevelKeys(_ text: String) -> [String] {
        var keys: [String] = []
        var depth = 0, inString = false, escaped = false, expectKey = false
        var chars = Array(text), i = 0
        while i < chars.count {
            let c = chars[i]
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                i += 1; continue
            }
            switch c {
            case "{", "[":
                depth += 1
                expectKey = c == "{" && depth == 1
            case "}", "]": depth -= 1
            case "," where depth == 1: expectKey = true
            case "\"" where !(expectKey && depth == 1): inString = true
            default:
                if expectKey && depth == 1 && (c.isLetter || c == "\"") {
                    var j = c == "\"" ? i + 1 : i, name = ""
                    while j < chars.count, chars[j].isLetter || chars[j].isNumber { name.append(chars[j]); j += 1 }
                    if c == "\"" && j < chars.count && chars[j] == "\"" { j += 1 }
                    keys.append(name)
                    expectKey = false
                    i = j; continue
                }
            }
            i += 1
        }
        chars.removeAll()
        return keys
    }

    @Test func topLevelKeysReadsBothNotations() {
        #expect(Self.topLevelKeys("{a, b: {x, y} | null, c}") == ["a", "b", "c"])
        #expect(Self.topLevelKeys(#"{"a": "x,{y}", "b": [1, {"z": 2}], "c": null}"#) == ["a", "b", "c"])
    }

    @Test func theShapesFileExampleDraws() async throws {
        let start = try #require(Self.readme.range(of: "```json\n"))
        let end = try #require(Self.readme.range(of: "```", range: start.upperBound..<Self.readme.endIndex))
        let example = String(Self.readme[start.upperBound..<end.lowerBound])
        try await withTemporaryDirectory { directory in
            let shapes = directory.appendingPathComponent("shapes.json")
            try Data(example.utf8).write(to: shapes)
            let result = await runInProcess(["mask", "--size", "400x300", "--shapes", shapes.path, "-o", directory.appendingPathComponent("m.png").path, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("\"selectedPixels\""))
        }
    }

    @Test func documentedReportKeysAreThePrintedOnes() async throws {
        try await withTemporaryDirectory { directory in
            func out(_ name: String) -> String { directory.appendingPathComponent(name).path }
            let mask = out("m.png")
            let cases: [(marker: String, arguments: [String])] = [
                ("| `--format`, `--quality`, … |", ["prepare", Self.coffee, "-o", out("p.png"), "--for", "gpt-image-2", "--json"]),
                ("| `--preview OUT.png` |", ["mask", "--like", Self.coffee, "--ellipse", "50%,50%,20%,20%", "-o", mask, "--json"]),
                ("`--alpha-out MATTE.png`. `--json` reports\n`", ["cutout", Self.coffee, "-o", out("c.png"), "--json"]),
                ("`--json` prints:\n\n```\n", ["diff", Self.coffee, out("c.png"), "--mask", mask, "--json"]),
                ("pixels, saying so. `--json` prints `", ["export", Self.coffee, "-o", out("e.jpg"), "--json"]),
                ("| `--json` | the report: `", ["edit", Self.coffee, "--mask", mask, "--prompt", "inpaint", "--provider", "local", "--no-workspace", "-o", out("v.png"), "--json"]),
            ]
            for (marker, arguments) in cases {
                let result = await runInProcess(arguments)
                #expect(result.status == 0, "\(arguments[0]): \(result.stderr)")
                var documented = Self.topLevelKeys(try Self.braces(after: marker))
                let printed = Self.topLevelKeys(result.stdout)
                // diff's `alpha` is documented as present only when an image has alpha.
                if arguments[0] == "diff" && !printed.contains("alpha") { documented.removeAll { $0 == "alpha" } }
                #expect(printed == documented, "\(arguments[0]): printed \(printed), README \(documented)")
            }
            // inspect documents a plain key list.
            let inspect = await runInProcess(["inspect", Self.coffee, "--json"])
            let listed = try #require(Self.readme.range(of: "object with the keys `").map { Self.readme[$0.upperBound...] })
            let first = listed.prefix { $0 != "`" }
            let then = listed.dropFirst(first.count).drop { $0 != "(" }
            let extra = then.prefix { $0 != ")" }.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            let documented = first.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } + extra
            #expect(Self.topLevelKeys(inspect.stdout) == documented)
            // With a profile, the two documented keys follow iccProfile.
            let tagged = await runInProcess(["inspect", Paths.fixtures.appendingPathComponent("inputs/rocket.jpg").path, "--json"])
            let withProfile = try #require(Self.readme.range(of: "With an ICC profile,\n`").map { Self.readme[$0.upperBound...] })
            #expect(withProfile.hasPrefix("iccColourSpace` (") && withProfile.contains("and `iccSRGB` ("))
            var expected = documented
            expected.insert(contentsOf: ["iccColourSpace", "iccSRGB"], at: (documented.firstIndex(of: "iccProfile") ?? 0) + 1)
            #expect(Self.topLevelKeys(tagged.stdout) == expected)
        }
    }

    /// Every `--flag` the README writes in code is a real one: a code span that starts
    /// with a command (`retouch edit --from v1`, `edit --max-cost`) is checked against
    /// that command's `--help`; any other flag must be listed by its section's command or,
    /// as a cross-reference, by another one (a renamed or misspelt flag fails here; a
    /// name ending in `-`, as in `--subtract-*`, is a prefix).
    @Test func everyDocumentedFlagIsInTheCommandsHelp() async throws {
        let commands = ["inspect", "convert", "prepare", "mask", "cutout", "diff", "edit", "history", "export", "report", "batch", "providers", "channels", "demo"]
        var helps: [String: String] = [:]
        for command in commands {
            let help = await runInProcess([command, "--help"])
            #expect(help.status == 0, "\(command) --help: \(help.stderr)")
            helps[command] = help.stdout
        }
        func lists(_ help: String, _ flag: String) -> Bool {
            if flag.hasSuffix("-") { return help.contains(flag) }
            return [" ", "\n", ",", "="].contains { help.contains(flag + $0) }
        }
        func flags(in code: Substring) -> [String] {
            var found: [String] = [], rest = code
            while let range = rest.range(of: "--") {
                let before = rest[..<range.lowerBound].last
                let name = rest[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" }
                if before.map({ !$0.isLetter && !$0.isNumber && $0 != "-" }) ?? true, let first = name.first, first.isLetter || first.isNumber {
                    found.append("--" + name)
                }
                rest = rest[range.upperBound...]
            }
            return found
        }
        let sections = Self.readme.components(separatedBy: "\n### `retouch ").dropFirst()
        #expect(sections.count >= 12)
        var checked = 0
        for section in sections {
            let command = String(section.prefix { $0.isLetter })
            // The heading's own code (up to its closing backtick), then the section's spans.
            let heading = section.prefix { $0 != "`" }
            let body = section.drop { $0 != "\n" }.components(separatedBy: "\n## ").first ?? ""
            let codes = [heading] + body.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            for code in codes {
                let words = code.split(separator: " ")
                let named = (words.first == "retouch" ? words.dropFirst().first : words.first).map(String.init).flatMap { commands.contains($0) ? $0 : nil }
                for flag in flags(in: code) {
                    checked += 1
                    if let named, named != command || code.hasPrefix("retouch ") {
                        #expect(lists(helps[named]!, flag), "README's `\(code)` uses \(flag), which `retouch \(named) --help` does not list")
                    } else {
                        #expect(lists(helps[command] ?? "", flag) || helps.values.contains { lists($0, flag) },
                                "README's \(command) section names \(flag), which no command's --help lists")
                    }
                }
            }
        }
        #expect(checked > 100)
    }

    /// A PNG has no quality: the message names the range --help gives for --compression.
    @Test func theCompressionRangeIsTheHelpsOne() async {
        let result = await runInProcess(["convert", Self.coffee, "--quality", "50", "-o", "/tmp/never-written.png"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("use --compression 0…12"), "\(result.stderr)")
        let help = await runInProcess(["convert", "--help"])
        #expect(help.stdout.contains("0…12"))
    }
}
