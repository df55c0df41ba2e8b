import TariffCore

extension YAMLProblem {
    /// libyaml's problem as a diagnostic: its text, its position, the construct it was
    /// reading as a note (libyaml often notices a problem a token late), and a hint when
    /// the culprit is a tab.
    func diagnostic(in bytes: UnsafeBufferPointer<UInt8>, file: String) -> Diagnostic {
        let locator = TextLocator(file: file, breaks: .yaml)
        switch kind {
        case let .reader(offset, value):
            let position = locator.position(ofByte: offset, in: bytes)
            let text = value >= 0 && problem.hasPrefix("control characters")
                ? "control character \(JSONProblem.scalarName(UInt32(value))) is not allowed in YAML"
                : problem
            return ReaderMessages.yamlSyntax(text, at: position)
        case .scanner, .parser:
            if problem.hasPrefix("Maximum nesting level"), let position {
                return ReaderMessages.parserNestingLimit(at: position)
            }
            var hint: String?
            if let position,
               let offset = locator.byteOffset(line: position.line, column: position.column, in: bytes),
               bytes[offset] == 0x09 {
                hint = "YAML does not allow a tab here; use spaces"
            }
            let note = context.flatMap { $0.position == position ? nil : $0 }
            return ReaderMessages.yamlSyntax(problem, at: position, context: note, hint: hint)
        case .memory:
            return ReaderMessages.yamlInternal(problem)
        }
    }
}
