import TariffCore
import Testing

/// A diagnostic on a line of 10 MB (10,000 '[' on one line, a minified JSON file) quotes a
/// window of the line around the caret, not the whole line twice; control characters in
/// the quoted text are not sent to the terminal.
@Suite("quoting long lines")
struct LongLineQuoteTests {
    static func render(_ line: String, column: Int, length: Int = 1) -> String {
        let diagnostic = Diagnostic.error("t.id", "m", at: SourcePosition(file: "f.json", line: 1, column: column), length: length)
        return DiagnosticRenderer(sources: ["f.json": line + "\n"]).render(diagnostic)
    }

    @Test func aLongLineIsQuotedAroundTheCaret() {
        let line = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let rendered = Self.render(line, column: 257)
        let lines = rendered.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1] == "    …" + String(repeating: "[", count: 120) + "…")
        #expect(lines[2] == "    " + String(repeating: " ", count: 61) + "^")
    }

    @Test func theStartAndTheEndOfALongLineKeepTheirSide() {
        let line = (0..<300).map { String($0 % 10) }.joined()
        let start = Self.render(line, column: 3).split(separator: "\n")
        #expect(start[1] == "    " + line.prefix(120) + "…")
        #expect(start[2] == "      ^")
        let end = Self.render(line, column: 300, length: 5).split(separator: "\n")
        #expect(end[1] == "    …" + line.suffix(120))
        #expect(end[2] == "    " + String(repeating: " ", count: 120) + "^")
    }

    /// Regression: each diagnostic copied the whole line scalar by scalar, a second per
    /// diagnostic on a 9 MB line (a minified JSON snapshot with a dozen missing fields).
    @Test(.timeLimit(.minutes(1))) func aTenMegabyteLineIsQuotedWithoutCopyingIt() {
        let line = "{\"id\": \"" + String(repeating: "x", count: 10_000_000) + "\"}"
        let source = line + "\n"
        let diagnostics = (0..<200).map { index in
            Diagnostic.error("t.id", "m\(index)", at: SourcePosition(file: "f.json", line: 1, column: 2))
        }
        let rendered = DiagnosticRenderer(sources: ["f.json": source]).render(diagnostics)
        #expect(rendered.utf8.count < 200 * 200)
        #expect(rendered.hasPrefix("f.json:1:2: error: m0\n    {\"id\": \"" + String(repeating: "x", count: 112) + "…\n     ^\n"))
    }

    @Test func shortLinesAreQuotedWhole() {
        #expect(Self.render("price: 64.00", column: 8, length: 5) == "f.json:1:8: error: m\n    price: 64.00\n           ^~~~~\n")
    }

    @Test func controlCharactersAreReplaced() {
        #expect(Self.render("id: \u{1B}[31mRED", column: 5) == "f.json:1:5: error: m\n    id: \u{FFFD}[31mRED\n        ^\n")
    }
}
