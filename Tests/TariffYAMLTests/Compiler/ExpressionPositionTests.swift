import Testing
import TariffCore
import TariffYAML

/// A diagnostic inside an expression points at the file's own line and column, however
/// the YAML scalar holding the expression is written.
@Suite struct ExpressionPositionTests {
    /// The position of the one diagnostic of `rules`, in which only `nope` is unknown.
    static func unknownNamePosition(_ rules: String) -> String? {
        let diagnostics = CompilerHarness.diagnostics(CompilerHarness.settings + "\n" + rules + "\n")
        guard diagnostics.count == 1, let diagnostic = diagnostics.first, diagnostic.message == "unknown name 'nope'",
              let position = diagnostic.position else {
            return "unexpected: \(diagnostics)"
        }
        return "\(position.line):\(position.column)"
    }

    @Test(arguments: [
        ("rules:\n  - id: r\n    kind: value\n    value: 1 + nope\n", "7:16"),
        ("rules:\n  - id: r\n    kind: value\n    value: '1 + nope'\n", "7:17"),
        ("rules:\n  - id: r\n    kind: value\n    value: \"1 + nope\"\n", "7:17"),
        ("rules:\n  - { id: r, kind: value, value: 1 + nope }\n", "5:38"),
        ("rules:\n  - id: r\n    kind: value\n    value:   1 +   nope  \n", "7:20"),
        ("rules:\n  - id: r\n    kind: value\n    value: 1 + nope # a comment\n", "7:16"),
    ])
    func singleLineScalars(rules: String, expected: String) {
        #expect(Self.unknownNamePosition(rules) == expected)
    }

    /// Escapes make the text read shorter than the text written: `\"` is one character
    /// in the expression and two in the file.
    @Test func doubleQuotedScalarWithEscapes() {
        #expect(Self.unknownNamePosition("rules:\n  - id: r\n    kind: value\n    value: \"\\\"a\\\" + nope\"\n") == "7:21")
    }

    @Test func singleQuotedScalarWithADoubledQuote() {
        #expect(Self.unknownNamePosition("rules:\n  - id: r\n    kind: value\n    value: '''a'' + nope'\n") == "7:21")
    }

    /// A block scalar's text starts on the next line, at the block's indentation, not two
    /// columns right of the `|`.
    @Test func literalBlockScalar() {
        #expect(Self.unknownNamePosition("rules:\n  - id: r\n    kind: value\n    value: |\n      1 +\n        nope\n") == "9:9")
    }

    @Test func literalBlockScalarFirstLine() {
        #expect(Self.unknownNamePosition("rules:\n  - id: r\n    kind: value\n    value: |\n      nope + 1\n") == "8:7")
    }

    /// A plain scalar over several lines is folded into one before the lexer sees it, so
    /// the second line's tokens are reported on the first.
    @Test func multiLinePlainScalar() {
        #expect(Self.unknownNamePosition("rules:\n  - id: r\n    kind: value\n    value: 1 +\n      nope\n") == "8:7")
    }
}
