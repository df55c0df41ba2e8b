/// The text of an expression and where it sits in its file, so every token can be given
/// its own `file:line:column`.
public struct ExpressionText: Sendable, Hashable {
    public var text: String
    /// Position of the first character of `text` in the file.
    public var origin: SourcePosition
    /// Indentation to add to columns on lines after the first (block scalars).
    public var continuationColumn: Int

    public init(_ text: String, at origin: SourcePosition, continuationColumn: Int = 1) {
        self.text = text
        self.origin = origin
        self.continuationColumn = continuationColumn
    }

    /// Reads the text of a scalar node; quoted scalars start one column after the quote.
    public init?(node: SourceNode) {
        guard case let .scalar(text, style) = node.content else { return nil }
        switch style {
        case .plain:
            self.init(text, at: node.position, continuationColumn: node.position.column)
        case .quoted:
            self.init(text, at: node.position.advanced(by: 1), continuationColumn: node.position.column)
        case .block:
            let next = SourcePosition(file: node.position.file, line: node.position.line + 1, column: node.position.column + 2)
            self.init(text, at: next, continuationColumn: node.position.column + 2)
        }
    }

    /// The file position of a (line, column) inside the text, both 0-based.
    func position(line: Int, column: Int) -> SourcePosition {
        if line == 0 { return origin.advanced(by: column) }
        return SourcePosition(file: origin.file, line: origin.line + line, column: continuationColumn + column)
    }
}
