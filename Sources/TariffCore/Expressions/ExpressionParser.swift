/// Parses expression text into ``ExpressionSyntax``: a recursive-descent parser with one
/// level per precedence, lowest first:
///
/// ```
/// conditional  a ? b : c
/// coalesce     a ?? b
/// or           a or b, a || b
/// and          a and b, a && b
/// not          not a, !a
/// comparison   == != < <= > >= in
/// additive     + -
/// multiplicative * / %
/// unary        -a
/// postfix      a.b  a[b]  a.f(x)  f(x)
/// ```
public struct ExpressionParser {
    /// Deepest nesting accepted; deeper input is diagnosed, never a stack overflow.
    public static let defaultMaxDepth = 64

    private var tokens: [Token]
    private var index = 0
    private var depth = 0
    private let maxDepth: Int
    private var diagnostics: [Diagnostic]

    /// Parses `source`, returning the tree or every diagnostic found.
    public static func parse(_ source: ExpressionText, maxDepth: Int = defaultMaxDepth) -> Result<ExpressionSyntax, DiagnosticError> {
        let (tokens, lexical) = Lexer.tokenize(source)
        if source.text.allSatisfy(\.isWhitespace) {
            return .failure(DiagnosticError([.error("expr.empty", "empty expression", at: source.origin)]))
        }
        var parser = ExpressionParser(tokens: tokens, maxDepth: maxDepth, diagnostics: lexical)
        guard lexical.isEmpty else { return .failure(DiagnosticError(lexical)) }
        let syntax = parser.parseExpression()
        if parser.diagnostics.isEmpty, case .end = parser.current.kind {} else if parser.diagnostics.isEmpty {
            parser.fail("expected an operator or the end of the expression, found '\(parser.current.text)'")
        }
        if let syntax, parser.diagnostics.isEmpty { return .success(syntax) }
        return .failure(DiagnosticError(parser.diagnostics))
    }

    private init(tokens: [Token], maxDepth: Int, diagnostics: [Diagnostic]) {
        self.tokens = tokens
        self.maxDepth = maxDepth
        self.diagnostics = diagnostics
    }

    private var current: Token { tokens[index] }

    private mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func isSymbol(_ symbol: String) -> Bool {
        if case .symbol(symbol) = current.kind { return true }
        return false
    }

    private func isKeyword(_ word: String) -> Bool {
        if case .identifier(word) = current.kind { return true }
        return false
    }

    private mutating func fail(_ message: String, hint: String? = nil) {
        if diagnostics.isEmpty {
            diagnostics.append(.error("expr.syntax", message, at: current.position, length: current.length, hint: hint))
        }
    }

    /// The expression-depth limit is reached; the tree would be deeper than the type
    /// checker, the lowering and the evaluator may recurse.
    private mutating func failTooDeep() {
        fail("expression nests deeper than \(maxDepth) levels (limit expression-depth)",
             hint: "split it into rules, or raise the limit with --max-expression-depth")
    }

    /// Counts one more link of a chain (`a + b + c`, `a.b.c`, `a[i][j]`) toward the depth:
    /// each link nests the tree one level deeper, though the parser loops instead of
    /// recursing. The caller gives the links back when the chain ends.
    private mutating func enterLink(_ links: inout Int) -> Bool {
        links += 1
        depth += 1
        guard depth <= maxDepth else {
            failTooDeep()
            return false
        }
        return true
    }

    private mutating func expect(_ symbol: String, _ context: String) -> Bool {
        if isSymbol(symbol) {
            _ = advance()
            return true
        }
        fail("expected '\(symbol)' \(context), found '\(current.text)'")
        return false
    }

    private func span(from start: Token, to end: ExpressionSyntax) -> Int {
        if start.position.line == end.position.line {
            return max(1, end.position.column + end.length - start.position.column)
        }
        return start.length
    }

    mutating func parseExpression() -> ExpressionSyntax? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= maxDepth else {
            failTooDeep()
            return nil
        }
        let start = current
        guard let condition = parseCoalesce() else { return nil }
        guard isSymbol("?") else { return condition }
        _ = advance()
        guard let then = parseExpression() else { return nil }
        guard expect(":", "in a conditional 'c ? a : b'") else { return nil }
        guard let otherwise = parseExpression() else { return nil }
        return ExpressionSyntax(kind: .conditional(condition, then, otherwise), position: start.position,
                                length: span(from: start, to: otherwise))
    }

    private mutating func parseBinary(
        _ next: (inout ExpressionParser) -> ExpressionSyntax?,
        _ operators: [(spelling: String, isWord: Bool, op: ExpressionSyntax.BinaryOperator)],
        chains: Bool = true
    ) -> ExpressionSyntax? {
        let start = current
        guard var lhs = next(&self) else { return nil }
        var links = 0
        defer { depth -= links }
        while let match = operators.first(where: { $0.isWord ? isKeyword($0.spelling) : isSymbol($0.spelling) }) {
            _ = advance()
            guard enterLink(&links), let rhs = next(&self) else { return nil }
            lhs = ExpressionSyntax(kind: .binary(match.op, lhs, rhs), position: start.position, length: span(from: start, to: rhs))
            if !chains { break }
        }
        return lhs
    }

    private mutating func parseCoalesce() -> ExpressionSyntax? {
        parseBinary({ $0.parseOr() }, [("??", false, .coalesce)])
    }

    private mutating func parseOr() -> ExpressionSyntax? {
        parseBinary({ $0.parseAnd() }, [("or", true, .or), ("||", false, .or)])
    }

    private mutating func parseAnd() -> ExpressionSyntax? {
        parseBinary({ $0.parseNot() }, [("and", true, .and), ("&&", false, .and)])
    }

    private mutating func parseNot() -> ExpressionSyntax? {
        let start = current
        if isKeyword("not") || isSymbol("!") {
            _ = advance()
            depth += 1
            defer { depth -= 1 }
            guard depth <= maxDepth else {
                failTooDeep()
                return nil
            }
            guard let operand = parseNot() else { return nil }
            return ExpressionSyntax(kind: .unary(.not, operand), position: start.position, length: span(from: start, to: operand))
        }
        return parseComparison()
    }

    private mutating func parseComparison() -> ExpressionSyntax? {
        parseBinary({ $0.parseAdditive() }, [
            ("==", false, .equal), ("!=", false, .notEqual), ("<=", false, .lessOrEqual), (">=", false, .greaterOrEqual),
            ("<", false, .less), (">", false, .greater), ("in", true, .in),
        ], chains: false)
    }

    private mutating func parseAdditive() -> ExpressionSyntax? {
        parseBinary({ $0.parseMultiplicative() }, [("+", false, .add), ("-", false, .subtract)])
    }

    private mutating func parseMultiplicative() -> ExpressionSyntax? {
        parseBinary({ $0.parseUnary() }, [("*", false, .multiply), ("/", false, .divide), ("%", false, .remainder)])
    }

    private mutating func parseUnary() -> ExpressionSyntax? {
        let start = current
        if isSymbol("-") {
            _ = advance()
            depth += 1
            defer { depth -= 1 }
            guard depth <= maxDepth else {
                failTooDeep()
                return nil
            }
            guard let operand = parseUnary() else { return nil }
            return ExpressionSyntax(kind: .unary(.negate, operand), position: start.position, length: span(from: start, to: operand))
        }
        return parsePostfix()
    }

    private mutating func parsePostfix() -> ExpressionSyntax? {
        let start = current
        guard var base = parsePrimary() else { return nil }
        var links = 0
        defer { depth -= links }
        while true {
            if isSymbol(".") || isSymbol("[") {
                guard enterLink(&links) else { return nil }
            }
            if isSymbol(".") {
                _ = advance()
                let nameToken = current
                guard case let .identifier(name) = nameToken.kind else {
                    fail("expected a field or function name after '.', found '\(current.text)'")
                    return nil
                }
                _ = advance()
                if isSymbol("(") {
                    guard let (arguments, close) = parseArguments() else { return nil }
                    base = ExpressionSyntax(kind: .call(name: name, receiver: base, arguments: arguments),
                                            position: start.position, length: spanTo(close, from: start))
                } else {
                    base = ExpressionSyntax(kind: .member(base, name), position: start.position,
                                            length: spanTo(nameToken, from: start))
                }
            } else if isSymbol("[") {
                _ = advance()
                guard let key = parseExpression() else { return nil }
                let close = current
                guard expect("]", "to close the lookup") else { return nil }
                base = ExpressionSyntax(kind: .index(base, key), position: start.position, length: spanTo(close, from: start))
            } else {
                return base
            }
        }
    }

    private func spanTo(_ token: Token, from start: Token) -> Int {
        token.position.line == start.position.line
            ? max(1, token.position.column + token.length - start.position.column) : start.length
    }

    private mutating func parseArguments() -> (arguments: [ExpressionSyntax], close: Token)? {
        guard expect("(", "to start the arguments") else { return nil }
        var arguments: [ExpressionSyntax] = []
        if isSymbol(")") { return ([], advance()) }
        while true {
            guard let argument = parseExpression() else { return nil }
            arguments.append(argument)
            if isSymbol(",") {
                _ = advance()
                continue
            }
            let close = current
            guard expect(")", "or ',' between arguments") else { return nil }
            return (arguments, close)
        }
    }

    private mutating func parsePrimary() -> ExpressionSyntax? {
        let token = current
        switch token.kind {
        case let .number(text):
            _ = advance()
            return ExpressionSyntax(kind: .number(text), position: token.position, length: token.length)
        case let .string(text):
            _ = advance()
            return ExpressionSyntax(kind: .string(text), position: token.position, length: token.length)
        case let .identifier(name):
            _ = advance()
            switch name {
            case "true": return ExpressionSyntax(kind: .bool(true), position: token.position, length: token.length)
            case "false": return ExpressionSyntax(kind: .bool(false), position: token.position, length: token.length)
            case "null": return ExpressionSyntax(kind: .null, position: token.position, length: token.length)
            case "and", "or", "not", "in":
                diagnostics.append(.error("expr.syntax", "expected a value, found the keyword '\(name)'",
                                          at: token.position, length: token.length))
                return nil
            default: break
            }
            if isSymbol("(") {
                guard let (arguments, close) = parseArguments() else { return nil }
                return ExpressionSyntax(kind: .call(name: name, receiver: nil, arguments: arguments),
                                        position: token.position, length: spanTo(close, from: token))
            }
            return ExpressionSyntax(kind: .name(name), position: token.position, length: token.length)
        case .symbol("("):
            _ = advance()
            guard let inner = parseExpression() else { return nil }
            guard expect(")", "to close '('") else { return nil }
            return inner
        case .symbol("["):
            _ = advance()
            var elements: [ExpressionSyntax] = []
            if !isSymbol("]") {
                while true {
                    guard let element = parseExpression() else { return nil }
                    elements.append(element)
                    if isSymbol(",") {
                        _ = advance()
                        continue
                    }
                    break
                }
            }
            let close = current
            guard expect("]", "to close the list") else { return nil }
            return ExpressionSyntax(kind: .list(elements), position: token.position, length: spanTo(close, from: token))
        case .end:
            fail("expected a value, found the end of the expression")
            return nil
        default:
            fail("expected a value, found '\(token.text)'")
            return nil
        }
    }
}
