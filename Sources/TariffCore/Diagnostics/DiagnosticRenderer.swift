/// Renders diagnostics the way the Swift compiler does:
///
/// ```
/// rules/pricing.yaml:12:14: error: unknown plan 'ADVANCD'
///     price: seat_price["ADVANCD"]
///                          ^~~~~~~~~
/// note: did you mean 'ADVANCED'?
/// ```
public struct DiagnosticRenderer: Sendable {
    /// Source text by file name, for quoting the offending line.
    public var sources: [String: String]

    public init(sources: [String: String] = [:]) {
        self.sources = sources
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var out = diagnostic.description + "\n"
        if let position = diagnostic.position, let line = sourceLine(position) {
            out += quote(line: line, column: position.column, length: diagnostic.length)
        }
        for note in diagnostic.notes {
            if let position = note.position {
                out += "\(position): note: \(note.message)\n"
                if let line = sourceLine(position) {
                    out += quote(line: line, column: position.column, length: 1)
                }
            } else {
                out += "note: \(note.message)\n"
            }
        }
        if let hint = diagnostic.hint {
            out += "hint: \(hint)\n"
        }
        return out
    }

    /// The line at `position`, found by scalars so CRLF text (where "\r\n" is one
    /// Character) splits like LF text; a trailing "\r" is dropped.
    private func sourceLine(_ position: SourcePosition) -> Substring? {
        guard let text = sources[position.file], position.line >= 1 else { return nil }
        let scalars = text.unicodeScalars
        var current = 1
        var start = scalars.startIndex
        while current < position.line {
            guard let newline = scalars[start...].firstIndex(of: "\n") else { return nil }
            start = scalars.index(after: newline)
            current += 1
        }
        var end = scalars[start...].firstIndex(of: "\n") ?? scalars.endIndex
        if end > start, scalars[scalars.index(before: end)] == "\r" { end = scalars.index(before: end) }
        return Substring(Substring.UnicodeScalarView(scalars[start..<end]))
    }

    /// Lines longer than this many scalars are quoted as a window around the caret, so
    /// a file of one 10 MB line (10,000 '[' say) yields a readable diagnostic.
    static let quoteWidth = 120

    private func quote(line: Substring, column: Int, length: Int) -> String {
        var scalars = Array(line.unicodeScalars)
        var indent = max(0, min(column - 1, scalars.count))
        if scalars.count > Self.quoteWidth {
            let start = max(0, min(indent - Self.quoteWidth / 2, scalars.count - Self.quoteWidth))
            let end = min(scalars.count, start + Self.quoteWidth)
            scalars = (start > 0 ? ["…"] : []) + scalars[start..<end] + (end < scalars.count ? ["…"] : [])
            indent += (start > 0 ? 1 : 0) - start
        }
        // Tabs as one space keep the caret aligned; other control characters are not sent
        // to the terminal as they are.
        let visible = String(String.UnicodeScalarView(scalars.map { scalar in
            scalar == "\t" ? " " : scalar.value < 0x20 || scalar.value == 0x7F ? "\u{FFFD}" : scalar
        }))
        let available = max(1, scalars.count - indent)
        let underline = "^" + String(repeating: "~", count: max(0, min(length, available) - 1))
        return "    \(visible)\n    \(String(repeating: " ", count: indent))\(underline)\n"
    }
}
