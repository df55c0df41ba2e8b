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

    /// The text from the start of the line at `position` to the end of the file, found by
    /// UTF-8 bytes so CRLF text (where "\r\n" is one Character) splits like LF text. A
    /// slice, not a copy: ``quote(line:column:length:)`` reads no further than it shows,
    /// so a 10 MB line costs the distance to the caret, not a scan per diagnostic.
    private func sourceLine(_ position: SourcePosition) -> Substring? {
        guard let text = sources[position.file], position.line >= 1 else { return nil }
        let bytes = text.utf8
        var current = 1
        var start = bytes.startIndex
        while current < position.line {
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            start = bytes.index(after: newline)
            current += 1
        }
        return text[start...]
    }

    /// Lines longer than this many scalars are quoted as a window around the caret, so
    /// a file of one 10 MB line (10,000 '[' say) yields a readable diagnostic.
    static let quoteWidth = 120

    private func quote(line: Substring, column: Int, length: Int) -> String {
        // Walk only as far as the caret and the window around it, and stop at the line's
        // end ("\n", or "\r\n"), whatever follows.
        let rest = line.unicodeScalars
        var lineEnd = rest.startIndex
        var caret = rest.startIndex
        var indent = 0
        while indent < column - 1, caret < rest.endIndex, rest[caret] != "\n", rest[caret] != "\r" {
            rest.formIndex(after: &caret)
            indent += 1
        }
        lineEnd = caret
        var scanned = 0
        while scanned <= Self.quoteWidth, lineEnd < rest.endIndex, rest[lineEnd] != "\n", rest[lineEnd] != "\r" {
            rest.formIndex(after: &lineEnd)
            scanned += 1
        }
        let all = rest[rest.startIndex..<lineEnd]
        var lower = caret
        var before = 0
        while before < Self.quoteWidth / 2, lower > all.startIndex {
            all.formIndex(before: &lower)
            before += 1
        }
        var upper = lower
        var taken = 0
        while taken < Self.quoteWidth, upper < all.endIndex {
            all.formIndex(after: &upper)
            taken += 1
        }
        // Near the end of the line the window reaches further back instead.
        while taken < Self.quoteWidth, lower > all.startIndex {
            all.formIndex(before: &lower)
            taken += 1
            before += 1
        }
        let leading = lower > all.startIndex
        let scalars = (leading ? ["…"] : []) + Array(all[lower..<upper]) + (upper < all.endIndex ? ["…"] : [])
        indent = before + (leading ? 1 : 0)
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
