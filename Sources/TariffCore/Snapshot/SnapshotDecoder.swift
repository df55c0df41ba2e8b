/// Reads a snapshot document into a typed ``Record`` laid out by the rules' input schema,
/// reporting every problem at once: missing fields, wrong types, values outside `one_of`
/// or below `min`.
public struct SnapshotDecoder: Sendable {
    public let type: RecordType
    public let currency: Currency
    /// Longest list accepted (`--max-list-length`).
    public var maxListLength: Int

    public init(type: RecordType, currency: Currency, maxListLength: Int = 1_000_000) {
        self.type = type
        self.currency = currency
        self.maxListLength = maxListLength
    }

    public init(graph: RuleGraph, maxListLength: Int = 1_000_000) {
        self.init(type: graph.inputType, currency: graph.settings.currency, maxListLength: maxListLength)
    }

    public func decode(_ document: SourceDocument) -> Result<Record, DiagnosticError> {
        var diagnostics: [Diagnostic] = []
        let value = decode(document.root, as: .record(type), path: "", diagnostics: &diagnostics)
        guard diagnostics.isEmpty, case let .record(record)? = value else {
            return .failure(DiagnosticError(diagnostics.sortedByPosition()))
        }
        return .success(record)
    }

    private func decode(_ node: SourceNode, as type: ValueType, path: String, diagnostics: inout [Diagnostic]) -> Value? {
        switch type {
        case let .optional(wrapped):
            if node.isNull { return .null }
            return decode(node, as: wrapped, path: path, diagnostics: &diagnostics)
        case let .record(record):
            guard let entries = node.entries else {
                diagnostics.append(.error("snapshot.type", "'\(path.isEmpty ? "snapshot" : path)' must be a mapping of fields, found \(node.kindDescription)",
                                          at: node.position))
                return nil
            }
            var values: [Value] = []
            values.reserveCapacity(record.fields.count)
            var failed = false
            for field in record.fields {
                let fieldPath = path.isEmpty ? field.name : "\(path).\(field.name)"
                guard let entry = entries.first(where: { $0.name == field.name }) else {
                    if field.type.isOptional {
                        values.append(.null)
                        continue
                    }
                    let extra = entries.map(\.name).filter { record.slot(of: $0) == nil }
                    diagnostics.append(.error(
                        "snapshot.missing-field", "missing field '\(fieldPath)' (\(field.type))", at: node.position,
                        hint: Suggestion.hint(for: field.name, among: extra)))
                    failed = true
                    continue
                }
                guard let value = decode(entry.value, as: field.type, path: fieldPath, diagnostics: &diagnostics) else {
                    failed = true
                    continue
                }
                if let allowed = field.allowed, case let .string(text) = value, !allowed.contains(text) {
                    diagnostics.append(.error(
                        "snapshot.not-allowed", "unknown \(field.name) '\(text)' in '\(fieldPath)'", at: entry.value.position,
                        length: max(1, text.count),
                        hint: Suggestion.hint(for: text, among: allowed) ?? "expected one of: " + allowed.joined(separator: ", ")))
                    failed = true
                    continue
                }
                if let minimum = field.minimum, let number = ExpressionCompiler.decimal(value), number < minimum {
                    diagnostics.append(.error(
                        "snapshot.below-minimum", "'\(fieldPath)' is \(number), below its minimum \(minimum)",
                        at: entry.value.position, length: max(1, entry.value.scalar?.count ?? 1)))
                    failed = true
                    continue
                }
                values.append(value)
            }
            return failed ? nil : .record(Record(type: record, fields: values))
        case let .list(element):
            guard let elements = node.elements else {
                if node.isNull {
                    diagnostics.append(.error("snapshot.type", "'\(path)' must be a list, found null", at: node.position,
                                              hint: "write [] for an empty list"))
                    return nil
                }
                diagnostics.append(.error("snapshot.type", "'\(path)' must be a list, found \(node.kindDescription)", at: node.position))
                return nil
            }
            guard elements.count <= maxListLength else {
                diagnostics.append(.error("input.list-too-long",
                                          "'\(path)' has \(elements.count) items, more than \(maxListLength) (limit max-list-length)",
                                          at: node.position, hint: "raise it with --max-list-length"))
                return nil
            }
            var values: [Value] = []
            values.reserveCapacity(elements.count)
            var failed = false
            for (index, item) in elements.enumerated() {
                if let value = decode(item, as: element, path: "\(path)[\(index)]", diagnostics: &diagnostics) {
                    values.append(value)
                } else {
                    failed = true
                }
            }
            return failed ? nil : .list(values)
        default:
            switch ScalarDecoder.decode(node, as: type, currency: currency) {
            case let .success(value): return value
            case let .failure(diagnostic):
                var located = diagnostic
                if !path.isEmpty { located.message = "'\(path)': " + located.message }
                diagnostics.append(located)
                return nil
            }
        }
    }
}
