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
        var path: [PathComponent] = []
        let value = decode(document.root, as: .record(type), path: &path, diagnostics: &diagnostics)
        guard diagnostics.isEmpty, case let .record(record)? = value else {
            return .failure(DiagnosticError(diagnostics.sortedByPosition()))
        }
        return .success(record)
    }

    /// Where a node is in the snapshot, kept as parts and spelled out (`order.items[2]`)
    /// only for a diagnostic, so decoding valid snapshots builds no path strings.
    private enum PathComponent {
        case field(String)
        case index(Int)
    }

    private static func spell(_ path: [PathComponent]) -> String {
        var text = ""
        for component in path {
            switch component {
            case let .field(name): text += text.isEmpty ? name : "." + name
            case let .index(index): text += "[\(index)]"
            }
        }
        return text
    }

    private func decode(_ node: SourceNode, as type: ValueType, path: inout [PathComponent],
                        diagnostics: inout [Diagnostic]) -> Value? {
        switch type {
        case let .optional(wrapped):
            if node.isNull { return .null }
            return decode(node, as: wrapped, path: &path, diagnostics: &diagnostics)
        case let .record(record):
            guard let entries = node.entries else {
                let spelled = Self.spell(path)
                diagnostics.append(.error("snapshot.type", "'\(spelled.isEmpty ? "snapshot" : spelled)' must be a mapping of fields, found \(node.kindDescription)",
                                          at: node.position))
                return nil
            }
            var values: [Value] = []
            values.reserveCapacity(record.fields.count)
            var failed = false
            // Snapshots usually list fields in the schema's order: try the next entry first.
            var cursor = 0
            var found = 0
            var suggested: Set<String> = []
            for field in record.fields {
                let entry: SourceEntry?
                if cursor < entries.count, entries[cursor].name == field.name {
                    entry = entries[cursor]
                    cursor += 1
                } else {
                    entry = entries.first(where: { $0.name == field.name })
                }
                guard let entry else {
                    if field.type.isOptional {
                        values.append(.null)
                        continue
                    }
                    let extra = entries.map(\.name).filter { record.slot(of: $0) == nil }
                    let closest = Suggestion.closest(to: field.name, among: extra)
                    if let closest { suggested.insert(closest) }
                    path.append(.field(field.name))
                    diagnostics.append(.error(
                        "snapshot.missing-field", "missing field '\(Self.spell(path))' (\(field.type))", at: node.position,
                        hint: closest.map { "did you mean '\($0)'?" }))
                    path.removeLast()
                    failed = true
                    continue
                }
                found += 1
                path.append(.field(field.name))
                defer { path.removeLast() }
                guard let value = decode(entry.value, as: field.type, path: &path, diagnostics: &diagnostics) else {
                    failed = true
                    continue
                }
                if let allowed = field.allowed, case let .string(text) = value, !allowed.contains(text) {
                    diagnostics.append(.error(
                        "snapshot.not-allowed", "unknown \(field.name) '\(text)' in '\(Self.spell(path))'", at: entry.value.position,
                        length: max(1, text.count),
                        hint: Suggestion.hint(for: text, among: allowed) ?? "expected one of: " + allowed.joined(separator: ", ")))
                    failed = true
                    continue
                }
                if let minimum = field.minimum, let number = ExpressionCompiler.decimal(value), number < minimum {
                    diagnostics.append(.error(
                        "snapshot.below-minimum", "'\(Self.spell(path))' is \(number), below its minimum \(minimum)",
                        at: entry.value.position, length: max(1, entry.value.scalar?.count ?? 1)))
                    failed = true
                    continue
                }
                values.append(value)
            }
            // A field the schema does not declare is most likely a misspelt optional one
            // (`billed_untill`), which would otherwise be billed as absent without a word.
            // The top level may carry more than the schema (`as_of`, a batch line's `id`).
            if found < entries.count, !path.isEmpty {
                let names = record.fields.map(\.name)
                for entry in entries where record.slot(of: entry.name) == nil && !suggested.contains(entry.name) {
                    diagnostics.append(.error(
                        "snapshot.unknown-field", "unknown field '\(entry.name)' in '\(Self.spell(path))'", at: entry.key.position,
                        length: max(1, entry.name.count),
                        hint: Suggestion.hint(for: entry.name, among: names) ?? "its fields are: " + names.joined(separator: ", ")))
                    failed = true
                }
            }
            return failed ? nil : .record(Record(type: record, fields: values))
        case let .list(element):
            guard let elements = node.elements else {
                if node.isNull {
                    diagnostics.append(.error("snapshot.type", "'\(Self.spell(path))' must be a list, found null", at: node.position,
                                              hint: "write [] for an empty list"))
                    return nil
                }
                diagnostics.append(.error("snapshot.type", "'\(Self.spell(path))' must be a list, found \(node.kindDescription)", at: node.position))
                return nil
            }
            guard elements.count <= maxListLength else {
                diagnostics.append(.error("input.list-too-long",
                                          "'\(Self.spell(path))' has \(elements.count) items, more than \(maxListLength) (limit max-list-length)",
                                          at: node.position, hint: "raise it with --max-list-length"))
                return nil
            }
            var values: [Value] = []
            values.reserveCapacity(elements.count)
            var failed = false
            for (index, item) in elements.enumerated() {
                path.append(.index(index))
                if let value = decode(item, as: element, path: &path, diagnostics: &diagnostics) {
                    values.append(value)
                } else {
                    failed = true
                }
                path.removeLast()
            }
            return failed ? nil : .list(values)
        default:
            switch ScalarDecoder.decode(node, as: type, currency: currency) {
            case let .success(value): return value
            case let .failure(diagnostic):
                var located = diagnostic
                if !path.isEmpty { located.message = "'\(Self.spell(path))': " + located.message }
                diagnostics.append(located)
                return nil
            }
        }
    }
}
