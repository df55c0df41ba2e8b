/// Splits an expression into tokens, reporting every bad character with its position.
struct Lexer {
    private static let symbols: [String] = [
        "??", "==", "!=", "<=", ">=", "&&", "||",
        "+", "-", "*", "/", "%", "<", ">", "!", "?", ":", ".", ",", "(", ")", "[", "]",
    ]
    /// The symbols as scalars, made once: matching them allocates nothing.
    private static let symbolScalars: [(symbol: String, scalars: [Unicode.Scalar])] = symbols.map { ($0, Array($0.unicodeScalars)) }

    static func tokenize(_ source: ExpressionText) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var tokens: [Token] = []
        var diagnostics: [Diagnostic] = []
        let scalars = Array(source.text.unicodeScalars)
        var index = 0
        var line = 0
        var column = 0

        func position(_ startColumn: Int) -> SourcePosition { source.position(line: line, column: startColumn) }

        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" {
                index += 1
                line += 1
                column = 0
                continue
            }
            if scalar == " " || scalar == "\t" || scalar == "\r" {
                index += 1
                column += 1
                continue
            }
            let start = column
            if scalar.properties.isAlphabetic || scalar == "_" {
                var name = String.UnicodeScalarView()
                while index < scalars.count,
                      scalars[index].properties.isAlphabetic || scalars[index] == "_"
                      || ("0"..."9").contains(scalars[index]) {
                    name.append(scalars[index])
                    index += 1
                    column += 1
                }
                tokens.append(Token(kind: .identifier(String(name)), position: position(start), length: column - start))
                continue
            }
            if ("0"..."9").contains(scalar) {
                var text = String.UnicodeScalarView()
                while index < scalars.count,
                      ("0"..."9").contains(scalars[index])
                      || (scalars[index] == "." && index + 1 < scalars.count && ("0"..."9").contains(scalars[index + 1])) {
                    text.append(scalars[index])
                    index += 1
                    column += 1
                }
                // `1e3`, `1_000`: a number glued to letters is a typo, not two tokens.
                if index < scalars.count, scalars[index].properties.isAlphabetic || scalars[index] == "_" {
                    var rest = String.UnicodeScalarView()
                    while index < scalars.count, scalars[index].properties.isAlphabetic
                            || ("0"..."9").contains(scalars[index]) || scalars[index] == "_" || scalars[index] == "." {
                        rest.append(scalars[index])
                        index += 1
                        column += 1
                    }
                    diagnostics.append(.error(
                        "expr.bad-number", "malformed number '\(String(text))\(String(rest))'",
                        at: position(start), length: column - start,
                        hint: "write numbers as plain decimals, such as 1000 or 12.50"))
                }
                tokens.append(Token(kind: .number(String(text)), position: position(start), length: column - start))
                continue
            }
            if scalar == "\"" || scalar == "'" {
                let quote = scalar
                var text = String.UnicodeScalarView()
                index += 1
                column += 1
                var closed = false
                while index < scalars.count, scalars[index] != "\n" {
                    if scalars[index] == quote {
                        closed = true
                        index += 1
                        column += 1
                        break
                    }
                    if scalars[index] == "\\", index + 1 < scalars.count {
                        index += 1
                        column += 1
                    }
                    text.append(scalars[index])
                    index += 1
                    column += 1
                }
                if !closed {
                    diagnostics.append(.error(
                        "expr.unterminated-string", "unterminated string literal",
                        at: position(start), length: column - start, hint: "close the string with \(quote)"))
                }
                tokens.append(Token(kind: .string(String(text)), position: position(start), length: column - start))
                continue
            }
            var matched = false
            for (symbol, symbolScalars) in Self.symbolScalars {
                if index + symbolScalars.count <= scalars.count,
                   scalars[index..<(index + symbolScalars.count)].elementsEqual(symbolScalars) {
                    tokens.append(Token(kind: .symbol(symbol), position: position(start), length: symbolScalars.count))
                    index += symbolScalars.count
                    column += symbolScalars.count
                    matched = true
                    break
                }
            }
            if !matched {
                let hint: String? = scalar == "=" ? "compare with '==' (expressions do not assign)" : nil
                diagnostics.append(.error(
                    "expr.unexpected-character", "unexpected character '\(Character(scalar))' in expression",
                    at: position(start), hint: hint))
                index += 1
                column += 1
            }
        }
        tokens.append(Token(kind: .end, position: source.position(line: line, column: column), length: 1))
        return (tokens, diagnostics)
    }
}
