/// A file's text as Unicode scalars with the start of every line, for mapping positions
/// of a scalar's content back to the file.
public struct SourceText: Sendable {
    let scalars: [Unicode.Scalar]
    let lineStarts: [Int]
    let file: String

    public init(_ text: String, file: String) {
        scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(index + 1) }
        lineStarts = starts
        self.file = file
    }

    func index(of position: SourcePosition) -> Int? {
        guard position.line >= 1, position.line <= lineStarts.count else { return nil }
        let index = lineStarts[position.line - 1] + position.column - 1
        return index < scalars.count ? index : nil
    }

    /// Where each scalar of a YAML scalar's content (`content`, as the reader gives it:
    /// folded, unescaped, unindented) is in the file. The content is matched against the
    /// file from the node's start, skipping what YAML removed (quotes, escapes,
    /// indentation, folded line breaks). Nil when they cannot be matched.
    ///
    /// - Complexity: O(*n*) in the length of the scalar's source.
    func positions(of content: String, node: SourceNode, style: SourceNode.ScalarStyle) -> [SourcePosition]? {
        guard var cursor = index(of: node.position) else { return nil }
        switch style {
        case .plain: break
        case .quoted: cursor += 1
        case .block:
            // Content starts on the line after the indicator (`|`, `>-`, …).
            while cursor < scalars.count, scalars[cursor] != "\n" { cursor += 1 }
            cursor += 1
        }
        var result: [SourcePosition] = []
        let wanted = Array(content.unicodeScalars)
        result.reserveCapacity(wanted.count)
        var line = lineStarts.lastIndex(where: { $0 <= cursor }) ?? 0
        let budget = wanted.count * 4 + 256
        var skipped = 0
        for scalar in wanted {
            while cursor < scalars.count, !Self.matches(scalar, scalars[cursor]) {
                cursor += 1
                skipped += 1
                if skipped > budget { return nil }
            }
            guard cursor < scalars.count else { return nil }
            while line + 1 < lineStarts.count, lineStarts[line + 1] <= cursor { line += 1 }
            result.append(SourcePosition(file: file, line: line + 1, column: cursor - lineStarts[line] + 1))
            cursor += 1
        }
        return result
    }

    /// A content scalar matches itself, and a space YAML folded from a line break matches
    /// the break.
    private static func matches(_ content: Unicode.Scalar, _ source: Unicode.Scalar) -> Bool {
        content == source || (content == " " && source == "\n")
    }
}
