import Testing
import TariffCore

/// The expression parser on its own: precedence, associativity, spans, and syntax errors
/// with the file position of the token at fault.
@Suite struct ExpressionParserTests {
    /// Where the parsed text sits in its file: line 3, column 10.
    static let origin = SourcePosition(file: "e.yaml", line: 3, column: 10)

    static func parse(_ text: String, maxDepth: Int = ExpressionParser.defaultMaxDepth) -> Result<ExpressionSyntax, DiagnosticError> {
        ExpressionParser.parse(ExpressionText(text, at: origin, continuationColumn: 7), maxDepth: maxDepth)
    }

    /// The tree written back with every operation in parentheses.
    static func shape(_ syntax: ExpressionSyntax) -> String {
        switch syntax.kind {
        case let .number(text): text
        case let .string(text): "\"\(text)\""
        case let .bool(value): value ? "true" : "false"
        case .null: "null"
        case let .name(name): name
        case let .member(base, name): "\(shape(base)).\(name)"
        case let .index(base, key): "\(shape(base))[\(shape(key))]"
        case let .call(name, receiver, arguments):
            (receiver.map { shape($0) + "." } ?? "") + name + "(" + arguments.map(shape).joined(separator: ", ") + ")"
        case let .unary(op, operand): "(\(op == .not ? "not " : "-")\(shape(operand)))"
        case let .binary(op, lhs, rhs): "(\(shape(lhs)) \(op.rawValue) \(shape(rhs)))"
        case let .conditional(c, t, f): "(\(shape(c)) ? \(shape(t)) : \(shape(f)))"
        case let .list(elements): "[" + elements.map(shape).joined(separator: ", ") + "]"
        }
    }

    // MARK: Precedence and associativity

    @Test(arguments: [
        ("1 + 2 * 3", "(1 + (2 * 3))"),
        ("(1 + 2) * 3", "((1 + 2) * 3)"),
        ("1 - 2 - 3", "((1 - 2) - 3)"),
        ("a % b * c / d", "(((a % b) * c) / d)"),
        ("-2 * 3", "((-2) * 3)"),
        ("- -a", "(-(-a))"),
        ("-a.b", "(-a.b)"),
        ("a + b < c * d", "((a + b) < (c * d))"),
        ("a == b and c != d", "((a == b) and (c != d))"),
        ("a or b and c", "(a or (b and c))"),
        ("a and b or c", "((a and b) or c)"),
        ("a && b || !c", "((a and b) or (not c))"),
        ("not a == b", "(not (a == b))"),
        ("not not a", "(not (not a))"),
        ("not a and b", "((not a) and b)"),
        ("x in [1, 2] and y", "((x in [1, 2]) and y)"),
        ("a ?? b or c", "(a ?? (b or c))"),
        ("a ?? b ?? c", "((a ?? b) ?? c)"),
        ("a ? b : c ? d : e", "(a ? b : (c ? d : e))"),
        ("a ?? b ? c : d", "((a ?? b) ? c : d)"),
        ("a > 1 ? b + 1 : c * 2", "((a > 1) ? (b + 1) : (c * 2))"),
        ("a.b[c].d(e, f)", "a.b[c].d(e, f)"),
        ("t[k] ?? t.default", "(t[k] ?? t.default)"),
        ("xs.filter(x, x > 1).map(y, y * 2)", "xs.filter(x, (x > 1)).map(y, (y * 2))"),
        ("count(xs) + sum(ys)", "(count(xs) + sum(ys))"),
        ("f()", "f()"),
        ("[]", "[]"),
        ("[a, [b, c]][0]", "[a, [b, c]][0]"),
        ("'it\\'s' + \"x\"", "(\"it's\" + \"x\")"),
        ("true != false == null", "error"),
        ("3.5 * 2", "(3.5 * 2)"),
        ("3.max(a)", "3.max(a)"),
    ])
    func precedence(text: String, expected: String) throws {
        switch Self.parse(text) {
        case let .success(syntax): #expect(Self.shape(syntax) == expected)
        case .failure: #expect(expected == "error", "\(text) did not parse")
        }
    }

    /// `text` writes the tree back with the parentheses it needs to read back the same,
    /// and no others: traces and explanations show a formula as it computes.
    @Test(arguments: [
        ("plan_price[plan] * (period.end - item.date) / days", "plan_price[plan] * (period.end - item.date) / days"),
        ("(1 + 2) * 3", "(1 + 2) * 3"),
        ("1 + 2 * 3", "1 + 2 * 3"),
        ("1 - 2 - 3", "1 - 2 - 3"),
        ("1 - (2 - 3)", "1 - (2 - 3)"),
        ("a / (b * c)", "a / (b * c)"),
        ("((a))", "a"),
        ("-(a + b)", "-(a + b)"),
        ("- -a", "- -a"),
        ("-(-2)", "- -2"),
        ("not (a and b)", "not (a and b)"),
        ("not a == b", "not a == b"),
        ("(not a) and b", "not a and b"),
        ("(a == b) == c", "(a == b) == c"),
        ("(a or b) and c", "(a or b) and c"),
        ("a ?? (b ?? c)", "a ?? (b ?? c)"),
        ("(a ?? b) ?? c", "a ?? b ?? c"),
        ("(a ? b : c) ? d : e", "(a ? b : c) ? d : e"),
        ("a ? b : (c ? d : e)", "a ? b : c ? d : e"),
        ("(a ? b : c) + 1", "(a ? b : c) + 1"),
        ("(a + b).max(c)", "(a + b).max(c)"),
        ("(-a).b", "(-a).b"),
        ("(xs ?? ys)[0]", "(xs ?? ys)[0]"),
        ("f(a + b, (c))", "f(a + b, c)"),
        ("[(a + b) * 2, c]", "[(a + b) * 2, c]"),
        ("xs.filter(x, (x > 1) and y)", "xs.filter(x, x > 1 and y)"),
    ])
    func textKeepsTheParenthesesTheTreeNeeds(source: String, expected: String) throws {
        let syntax = try Self.parse(source).get()
        #expect(syntax.text == expected)
        // Read back, it is the same tree.
        #expect(Self.shape(try Self.parse(syntax.text).get()) == Self.shape(syntax))
    }

    @Test(arguments: [
        ("a and b", "and"),
        ("a && b", "and"),
        ("a or b", "or"),
        ("a || b", "or"),
    ])
    func wordAndSymbolOperatorsAreTheSame(text: String, op: String) throws {
        let syntax = try Self.parse(text).get()
        guard case let .binary(parsed, _, _) = syntax.kind else {
            Issue.record("\(text) is not a binary expression")
            return
        }
        #expect(parsed.rawValue == op)
    }

    // MARK: Positions and spans

    @Test func nodesCarryTheirFilePositionAndLength() throws {
        let syntax = try Self.parse("price * (qty + 1)").get()
        #expect(syntax.position == SourcePosition(file: "e.yaml", line: 3, column: 10))
        // Parentheses make no node, so the product's span ends with `1`, before `)`.
        #expect(syntax.length == 16)
        guard case let .binary(.multiply, lhs, rhs) = syntax.kind else {
            Issue.record("expected a product, found \(Self.shape(syntax))")
            return
        }
        #expect(lhs.position.column == 10)
        #expect(lhs.length == 5)
        // A parenthesized expression is its inner expression: it starts after '('.
        #expect(rhs.position.column == 19)
        #expect(rhs.length == 7)
    }

    @Test func callSpanRunsToTheClosingParenthesis() throws {
        let syntax = try Self.parse("days_between(a, b) + 1").get()
        guard case let .binary(.add, call, _) = syntax.kind else {
            Issue.record("expected a sum")
            return
        }
        #expect(call.position.column == 10)
        #expect(call.length == "days_between(a, b)".count)
    }

    /// Lines after the first start at the continuation column, as in a block scalar.
    @Test func secondLinePositionsUseTheContinuationColumn() throws {
        let syntax = try Self.parse("a +\n  bb").get()
        guard case let .binary(.add, _, rhs) = syntax.kind else {
            Issue.record("expected a sum")
            return
        }
        #expect(rhs.position == SourcePosition(file: "e.yaml", line: 4, column: 9))
        // A span over two lines underlines its first token only.
        #expect(syntax.length == 1)
    }

    // MARK: Errors

    struct Failure: Sendable, CustomTestStringConvertible {
        var text: String
        var id: String
        var message: String
        var line: Int
        var column: Int
        var hint: String?

        init(_ text: String, _ id: String, _ message: String, _ line: Int, _ column: Int, hint: String? = nil) {
            self.text = text
            self.id = id
            self.message = message
            self.line = line
            self.column = column
            self.hint = hint
        }

        var testDescription: String { text.debugDescription }
    }

    @Test(arguments: [
        Failure("1 +", "expr.syntax", "expected a value, found the end of the expression", 3, 13),
        Failure("(a + b", "expr.syntax", "expected ')' to close '(', found 'end of expression'", 3, 16),
        Failure("a[1", "expr.syntax", "expected ']' to close the lookup, found 'end of expression'", 3, 13),
        Failure("[1, 2", "expr.syntax", "expected ']' to close the list, found 'end of expression'", 3, 15),
        Failure("f(a,)", "expr.syntax", "expected a value, found ')'", 3, 14),
        Failure("f(a b)", "expr.syntax", "expected ')' or ',' between arguments, found 'b'", 3, 14),
        Failure("a ? b", "expr.syntax", "expected ':' in a conditional 'c ? a : b', found 'end of expression'", 3, 15),
        Failure("a < b < c", "expr.syntax", "expected an operator or the end of the expression, found '<'", 3, 16),
        Failure("a b", "expr.syntax", "expected an operator or the end of the expression, found 'b'", 3, 12),
        Failure("f(a)(b)", "expr.syntax", "expected an operator or the end of the expression, found '('", 3, 14),
        Failure("a.1", "expr.syntax", "expected a field or function name after '.', found '1'", 3, 12),
        Failure("and b", "expr.syntax", "expected a value, found the keyword 'and'", 3, 10),
        Failure("a + in", "expr.syntax", "expected a value, found the keyword 'in'", 3, 14),
        Failure(")", "expr.syntax", "expected a value, found ')'", 3, 10),
        Failure("a = 1", "expr.unexpected-character", "unexpected character '=' in expression", 3, 12,
                hint: "compare with '==' (expressions do not assign)"),
        Failure("a $ b", "expr.unexpected-character", "unexpected character '$' in expression", 3, 12),
        Failure("'abc", "expr.unterminated-string", "unterminated string literal", 3, 10, hint: "close the string with '"),
        Failure("1e3", "expr.bad-number", "malformed number '1e3'", 3, 10,
                hint: "write numbers as plain decimals, such as 1000 or 12.50"),
        Failure("", "expr.empty", "empty expression", 3, 10),
        Failure("   ", "expr.empty", "empty expression", 3, 10),
        Failure("a +\n  b $", "expr.unexpected-character", "unexpected character '$' in expression", 4, 11),
    ])
    func syntaxErrorsPointAtTheToken(_ failure: Failure) throws {
        let error = try #require(Self.parse(failure.text).failureError)
        #expect(error.diagnostics.count == 1)
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.id == failure.id)
        #expect(diagnostic.message == failure.message)
        #expect(diagnostic.position == SourcePosition(file: "e.yaml", line: failure.line, column: failure.column))
        #expect(diagnostic.hint == failure.hint)
    }

    /// The lexer reports every bad character, not only the first.
    @Test func everyBadCharacterIsReported() throws {
        let error = try #require(Self.parse("a $ b @ c").failureError)
        #expect(error.diagnostics.map { $0.position?.column } == [12, 16])
    }

    // MARK: Depth

    @Test(arguments: [
        String(repeating: "(", count: 6) + "1" + String(repeating: ")", count: 6),
        String(repeating: "-", count: 6) + "1",
        String(repeating: "not ", count: 6) + "a",
        String(repeating: "[", count: 6) + String(repeating: "]", count: 6),
        String(repeating: "f(", count: 6) + String(repeating: ")", count: 6),
    ])
    func nestingBeyondTheLimitIsAnErrorNotACrash(text: String) throws {
        let error = try #require(Self.parse(text, maxDepth: 5).failureError)
        #expect(error.diagnostics.map(\.message) == ["expression nests deeper than 5 levels (limit expression-depth)"])
        #expect(error.diagnostics.first?.position?.line == 3)
        #expect(throws: Never.self) { try Self.parse(text, maxDepth: 7).get() }
    }

    @Test func deepNestingAtTheDefaultLimitIsAnError() throws {
        let text = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        let error = try #require(Self.parse(text).failureError)
        #expect(error.diagnostics.first?.message == "expression nests deeper than 64 levels (limit expression-depth)")
        #expect(error.diagnostics.first?.hint == "split it into rules, or raise the limit with --max-expression-depth")
    }

    // MARK: Names read

    @Test(arguments: [
        ("a + b.c", ["a", "b"]),
        ("rules.x + y", ["rules", "x", "y"]),
        ("t[k] ?? t.default", ["t", "k"]),
        ("xs.filter(x, x > k)", ["xs", "k"]),
        ("filter(xs, x, x > k)", ["xs", "k"]),
        ("xs.map(x, ys.any(y, y == x))", ["xs", "ys"]),
        ("count(xs)", ["xs"]),
        ("p.clamp(low, high)", ["p", "low", "high"]),
        ("max(a, b, c)", ["a", "b", "c"]),
        ("f(x, y)", ["x", "y"]),
        ("as_of - since", ["as_of", "since"]),
    ])
    func freeNames(text: String, expected: [String]) throws {
        #expect(try Self.parse(text).get().freeNames() == Set(expected))
    }
}

extension Result {
    var failureError: Failure? {
        if case let .failure(error) = self { return error }
        return nil
    }
}
