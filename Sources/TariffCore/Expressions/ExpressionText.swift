/// The text of an expression and where it sits in its file, so every token can be given
/// its own `file:line:column`.
public struct ExpressionText: Sendable, Hashable {
    public var text: String
    /// Position of the first character of `text` in the file.
    public var origin: SourcePosition
    /// Indentation to add to columns on lines after the first, when nothing better is known.
    public var continuationColumn: Int
    /// The file position of each scalar of `text`, when it is known: YAML folds, unescapes
    /// and unindents scalars, so offsets in the text are not offsets in the file.
    var mapped: [SourcePosition]?
    /// Scalar offsets where the lines of `text` start.
    var lineStarts: [Int]

    public init(_ text: String, at origin: SourcePosition, continuationColumn: Int = 1) {
        self.text = text
        self.origin = origin
        self.continuationColumn = continuationColumn
        self.lineStarts = Self.lineStarts(of: text)
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

    /// Reads the text of a scalar node and maps each of its characters to the file, so
    /// tokens on any line of a folded, block or escaped scalar get their own position.
    public init?(node: SourceNode, source: SourceText?) {
        guard case let .scalar(text, style) = node.content else { return nil }
        self.init(node: node)
        guard let source, let positions = source.positions(of: text, node: node, style: style),
              let first = positions.first else { return }
        mapped = positions
        origin = first
    }

    private static func lineStarts(of text: String) -> [Int] {
        var starts = [0]
        for (index, scalar) in text.unicodeScalars.enumerated() where scalar == "\n" { starts.append(index + 1) }
        return starts
    }

    /// The file position of a (line, column) inside the text, both 0-based.
    func position(line: Int, column: Int) -> SourcePosition {
        if let mapped, line < lineStarts.count {
            let index = lineStarts[line] + column
            if index < mapped.count { return mapped[index] }
            if let last = mapped.last { return last.advanced(by: index - mapped.count + 1) }
        }
        if line == 0 { return origin.advanced(by: column) }
        return SourcePosition(file: origin.file, line: origin.line + line, column: continuationColumn + column)
    }

    /// The text from scalar `offset` on, as `inner`, with positions kept (a template's hole).
    func part(from offset: Int, text inner: String) -> ExpressionText {
        let line = lineStarts.lastIndex(where: { $0 <= offset }) ?? 0
        var part = ExpressionText(inner, at: position(line: line, column: offset - lineStarts[line]),
                                  continuationColumn: continuationColumn)
        if let mapped, offset < mapped.count { part.mapped = Array(mapped[offset...]) }
        return part
    }
}
