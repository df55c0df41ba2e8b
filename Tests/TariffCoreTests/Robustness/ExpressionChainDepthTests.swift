import TariffCore
import Testing

/// Regression: a long chain (`1+1+…`, `a.b.c…`, `a[0][0]…`) is parsed by a loop, not by
/// recursion, but nests the tree one level per link; with 5,000 links the names pass, the
/// type checker and the evaluator overflowed the stack (a crash found by a 10 MB rule file).
/// Each link now counts toward the expression-depth limit.
@Suite("expression chains and the depth limit")
struct ExpressionChainDepthTests {
    static func parse(_ text: String, maxDepth: Int = ExpressionParser.defaultMaxDepth) -> Result<ExpressionSyntax, DiagnosticError> {
        ExpressionParser.parse(ExpressionText(text, at: SourcePosition(file: "t.yaml", line: 1, column: 1)), maxDepth: maxDepth)
    }

    @Test(arguments: [
        ("+", "1"), ("*", "2"), (" and ", "true"), (" or ", "false"), (" ?? ", "a"), ("-", "x"),
    ])
    func longOperatorChainsAreAnErrorNotACrash(separator: String, term: String) throws {
        let text = Array(repeating: term, count: 100_000).joined(separator: separator)
        guard case let .failure(error) = Self.parse(text) else {
            Issue.record("a chain of 100,000 terms parsed")
            return
        }
        #expect(error.diagnostics.map(\.message) == ["expression nests deeper than 64 levels (limit expression-depth)"])
        #expect(error.diagnostics.first?.hint == "split it into rules, or raise the limit with --max-expression-depth")
    }

    @Test(arguments: [
        "a" + String(repeating: ".b", count: 100_000),
        "a" + String(repeating: "[0]", count: 100_000),
        "a" + String(repeating: ".f()", count: 100_000),
    ])
    func longPostfixChainsAreAnErrorNotACrash(text: String) throws {
        guard case let .failure(error) = Self.parse(text) else {
            Issue.record("a chain of 100,000 links parsed")
            return
        }
        #expect(error.diagnostics.first?.message == "expression nests deeper than 64 levels (limit expression-depth)")
    }

    /// The limit counts links as nesting: five links need depth 6 (the expression itself
    /// and one level per link; a lookup's key one more); real rules stay far below 64.
    @Test(arguments: ["1+2+3+4+5+6", "a.b.c.d.e.f", "a[1][2][3][4]", "a.f().g().h(1).i.j"])
    func chainsWithinTheLimitParse(text: String) throws {
        #expect(throws: Never.self) { try Self.parse(text, maxDepth: 6).get() }
        #expect(throws: DiagnosticError.self) { try Self.parse(text, maxDepth: 5).get() }
    }
}
