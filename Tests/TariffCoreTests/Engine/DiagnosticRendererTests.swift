import Testing
import TariffCore

/// Diagnostics rendered the way the Swift compiler prints them: `file:line:col: error:`,
/// the source line, a caret under the column, then notes and the hint.
@Suite struct DiagnosticRendererTests {
    static let source = """
        tariff: 1
        rules:
          - id: total
            value: license_price["ADVANCD"]
        """

    static func at(_ line: Int, _ column: Int, file: String = "rules/p.yaml") -> SourcePosition {
        SourcePosition(file: file, line: line, column: column)
    }

    @Test func rendersTheLineACaretAndTheHint() {
        let diagnostic = Diagnostic.error("table.unknown-row", "table 'license_price' has no row 'ADVANCD'",
                                          at: Self.at(4, 26), length: 9, hint: "did you mean 'ADVANCED'?")
        let rendered = DiagnosticRenderer(sources: ["rules/p.yaml": Self.source]).render(diagnostic)
        #expect(rendered == """
            rules/p.yaml:4:26: error: table 'license_price' has no row 'ADVANCD'
                    value: license_price["ADVANCD"]
                                         ^~~~~~~~~
            hint: did you mean 'ADVANCED'?

            """)
    }

    @Test func notesWithAndWithoutPositions() {
        let diagnostic = Diagnostic.error(
            "graph.duplicate-id", "rule id 'total' is already used", at: Self.at(3, 9), length: 5,
            notes: [.init("first defined here", at: Self.at(1, 1)), .init("ids are global")])
        let rendered = DiagnosticRenderer(sources: ["rules/p.yaml": Self.source]).render(diagnostic)
        #expect(rendered == """
            rules/p.yaml:3:9: error: rule id 'total' is already used
                  - id: total
                        ^~~~~
            rules/p.yaml:1:1: note: first defined here
                tariff: 1
                ^
            note: ids are global

            """)
    }

    /// The underline stops at the end of the line; it is never empty.
    @Test(arguments: [(1, "^"), (5, "^~~~~"), (50, "^~~~~~")])
    func underlineIsClippedToTheLine(length: Int, expected: String) {
        let diagnostic = Diagnostic.error("x.y", "m", at: Self.at(1, 4), length: length)
        let lines = DiagnosticRenderer(sources: ["rules/p.yaml": Self.source]).render(diagnostic).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.last.map(String.init) == "       " + expected)
    }

    @Test func zeroLengthStillShowsACaret() {
        #expect(Diagnostic.error("x.y", "m", at: Self.at(1, 1), length: 0).length == 1)
    }

    /// A tab in the quoted line is shown as one space, so the caret stays aligned.
    @Test func tabsAreShownAsSpaces() {
        let diagnostic = Diagnostic.error("yaml.tab-indentation", "tab", at: Self.at(2, 2, file: "t.yaml"))
        let rendered = DiagnosticRenderer(sources: ["t.yaml": "a: 1\n\tb: 2\n"]).render(diagnostic)
        #expect(rendered == "t.yaml:2:2: error: tab\n     b: 2\n     ^\n")
    }

    /// A file saved with CRLF line ends quotes one line, not the rest of the file
    /// (Swift reads "\r\n" as one Character, so a search for "\n" among Characters
    /// never finds it).
    @Test(arguments: [(1, "    a: bcd\n       ^~~\n"), (2, "    x: 1\n       ^\n")])
    func windowsLineEndsQuoteOneLine(line: Int, quoted: String) {
        let diagnostic = Diagnostic.error("x.y", "m", at: Self.at(line, 4, file: "w.yaml"), length: 10)
        let rendered = DiagnosticRenderer(sources: ["w.yaml": "a: bcd\r\nx: 1\r\n"]).render(diagnostic)
        #expect(rendered == "w.yaml:\(line):4: error: m\n" + quoted)
    }

    @Test func unixLineEndsQuoteOneLine() {
        let diagnostic = Diagnostic.error("x.y", "m", at: Self.at(2, 4, file: "u.yaml"), length: 10)
        let rendered = DiagnosticRenderer(sources: ["u.yaml": "a: bcd\nx: 1\n"]).render(diagnostic)
        #expect(rendered == "u.yaml:2:4: error: m\n    x: 1\n       ^\n")
    }

    /// Columns count Unicode scalars, the way positions are reported.
    @Test func caretAfterNonASCIITextCountsScalars() {
        let diagnostic = Diagnostic.error("x.y", "m", at: Self.at(1, 8, file: "u.yaml"), length: 2)
        let rendered = DiagnosticRenderer(sources: ["u.yaml": "name: é zz\n"]).render(diagnostic)
        #expect(rendered == "u.yaml:1:8: error: m\n    name: é zz\n           ^~\n")
    }

    /// Without the source (or past its end) only the header, notes and hint are printed.
    @Test(arguments: [("elsewhere.yaml", 1), ("rules/p.yaml", 99)])
    func withoutTheLineOnlyTheHeaderIsPrinted(file: String, line: Int) {
        let diagnostic = Diagnostic.error("x.y", "m", at: Self.at(line, 1, file: file), hint: "h")
        let rendered = DiagnosticRenderer(sources: ["rules/p.yaml": Self.source]).render(diagnostic)
        #expect(rendered == "\(file):\(line):1: error: m\nhint: h\n")
    }

    @Test func diagnosticWithoutPositionHasNoPlace() {
        let diagnostic = Diagnostic.error("rules.none", "no rules found", at: nil)
        #expect(diagnostic.description == "error: no rules found")
        #expect(DiagnosticRenderer().render(diagnostic) == "error: no rules found\n")
    }

    @Test func severitiesAreSpelledAsTheCompilerDoes() {
        #expect(Diagnostic(.warning, "x.y", "w", at: Self.at(1, 1)).description == "rules/p.yaml:1:1: warning: w")
        #expect(Diagnostic(.note, "x.y", "n", at: Self.at(1, 1)).description == "rules/p.yaml:1:1: note: n")
        #expect([Diagnostic(.warning, "x.y", "w")].containsErrors == false)
        #expect([Diagnostic(.warning, "x.y", "w"), .error("x.z", "e", at: nil)].containsErrors)
    }

    @Test func severalDiagnosticsRenderInOrder() {
        let diagnostics = [
            Diagnostic.error("a.a", "first", at: Self.at(1, 1, file: "none")),
            Diagnostic.error("b.b", "second", at: Self.at(2, 1, file: "none")),
        ]
        #expect(DiagnosticRenderer().render(diagnostics) == "none:1:1: error: first\nnone:2:1: error: second\n")
    }

    /// Sorting is by file, line and column; stable among equals; unplaced ones last.
    @Test func sortingIsByPositionAndStable() {
        let diagnostics = [
            Diagnostic.error("x.nil", "unplaced", at: nil),
            Diagnostic.error("x.b2", "b 2:1", at: Self.at(2, 1, file: "b")),
            Diagnostic.error("x.a10", "a 10:1", at: Self.at(10, 1, file: "a")),
            Diagnostic.error("x.a2", "a 2:5", at: Self.at(2, 5, file: "a")),
            Diagnostic.error("x.a2bis", "a 2:5 again", at: Self.at(2, 5, file: "a")),
            Diagnostic.error("x.a2c", "a 2:3", at: Self.at(2, 3, file: "a")),
        ]
        #expect(diagnostics.sortedByPosition().map(\.id) == ["x.a2c", "x.a2", "x.a2bis", "x.a10", "x.b2", "x.nil"])
    }
}
