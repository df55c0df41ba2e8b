/// A lexical token of the expression language.
struct Token: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case identifier(String)
        case number(String)
        case string(String)
        case symbol(String)
        case end
    }

    var kind: Kind
    var position: SourcePosition
    /// Length in columns, for carets.
    var length: Int

    var text: String {
        switch kind {
        case let .identifier(name): name
        case let .number(text): text
        case let .string(text): "\"\(text)\""
        case let .symbol(symbol): symbol
        case .end: "end of expression"
        }
    }
}
