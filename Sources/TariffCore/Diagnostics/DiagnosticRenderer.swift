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

    private func sourceLine(_ position: SourcePosition) -> Substring? {
        guard let text = sources[position.file], position.line >= 1 else { return nil }
        var current = 1
        var start = text.startIndex
        while current < position.line {
            guard let newline = text[start...].firstIndex(of: "\n") else { return nil }
            start = text.index(after: newline)
            current += 1
        }
        let end = text[start...].firstIndex(of: "\n") ?? text.endIndex
        var line = text[start..<end]
        if line.last == "\r" { line = line.dropLast() }
        return line
    }

    private func quote(line: Substring, column: Int, length: Int) -> String {
        let scalars = Array(line.unicodeScalars)
        let visible = String(String.UnicodeScalarView(scalars.map { $0 == "\t" ? " " : $0 }))
        let indent = max(0, min(column - 1, scalars.count))
        let available = max(1, scalars.count - indent)
        let underline = "^" + String(repeating: "~", count: max(0, min(length, available) - 1))
        return "    \(visible)\n    \(String(repeating: " ", count: indent))\(underline)\n"
    }
}
