/// Reads type declarations written in YAML, as pricing analysts write them:
///
/// ```yaml
/// input:
///   account:
///     plan: { type: string, one_of: seat_price }   # a key of the table
///     credits: money
///     seats:                                          # a list of records
///       - id: string
///         added: date
///         assigned_to: string?                        # may be absent
/// ```
///
/// Scalar types: `string`, `int`, `decimal`, `money`, `date`, `bool`, `period`; a `?` suffix
/// (on the type or on the field name) makes a field optional; `[string]` is a list of
/// strings; a one-element YAML list is a list of that element.
public struct TypeSyntax {
    public static let scalarNames: [String: ValueType] = [
        "string": .string, "int": .int, "decimal": .decimal, "money": .money, "date": .date,
        "bool": .bool, "period": .period,
    ]

    /// Table keys by table name, for `one_of: table_name`.
    var tableKeys: [String: [String]]
    var diagnostics: [Diagnostic] = []

    public init(tableKeys: [String: [String]]) {
        self.tableKeys = tableKeys
    }

    /// The record type of a mapping of fields.
    public mutating func record(_ node: SourceNode, name: String) -> RecordType? {
        guard let entries = node.entries else {
            diagnostics.append(.error("schema.expected-record", "'\(name)' must be a mapping of field names to types",
                                      at: node.position, hint: "for example:  plan: string"))
            return nil
        }
        var fields: [RecordType.Field] = []
        var seen: [String: SourcePosition] = [:]
        for entry in entries {
            var fieldName = entry.name
            var optional = false
            if fieldName.hasSuffix("?") {
                fieldName.removeLast()
                optional = true
            }
            if let first = seen[fieldName] {
                diagnostics.append(.error("schema.duplicate-field", "field '\(fieldName)' is declared twice in '\(name)'",
                                          at: entry.key.position, notes: [.init("first declared here", at: first)]))
                continue
            }
            seen[fieldName] = entry.key.position
            guard var field = self.field(entry.value, name: fieldName, path: "\(name).\(fieldName)") else { continue }
            if optional, !field.type.isOptional {
                field = RecordType.Field(name: field.name, type: .optional(field.type), allowed: field.allowed, minimum: field.minimum)
            }
            fields.append(field)
        }
        return RecordType(name: name, fields: fields)
    }

    private static let specKeys: Set<String> = ["type", "one_of", "min", "description"]

    mutating func field(_ node: SourceNode, name: String, path: String) -> RecordType.Field? {
        if let entries = node.entries, entries.contains(where: { $0.name == "type" }),
           entries.allSatisfy({ Self.specKeys.contains($0.name) }) {
            guard let typeNode = node["type"], let type = self.type(typeNode, path: path) else { return nil }
            var allowed: [String]?
            if let oneOf = node["one_of"] {
                if let table = oneOf.scalar {
                    if let keys = tableKeys[table] {
                        allowed = keys
                    } else {
                        diagnostics.append(.error("schema.unknown-table", "one_of names table '\(table)', which is not declared",
                                                  at: oneOf.position, length: table.count,
                                                  hint: Suggestion.hint(for: table, among: tableKeys.keys)))
                    }
                } else if let elements = oneOf.elements {
                    allowed = elements.compactMap(\.scalar)
                }
            }
            var minimum: ExactDecimal?
            if let minNode = node["min"], let text = minNode.scalar {
                do { minimum = try ExactDecimal(parsing: text) } catch {
                    diagnostics.append(.error("schema.bad-minimum", "min must be a number, found '\(text)'", at: minNode.position))
                }
            }
            return RecordType.Field(name: name, type: type, allowed: allowed, minimum: minimum)
        }
        guard let type = self.type(node, path: path) else { return nil }
        return RecordType.Field(name: name, type: type)
    }

    mutating func type(_ node: SourceNode, path: String) -> ValueType? {
        switch node.content {
        case let .scalar(text, _):
            return scalarType(text.trimmingSpaces, at: node.position)
        case .mapping:
            return record(node, name: path).map { .record($0) }
        case let .list(elements):
            guard elements.count == 1 else {
                diagnostics.append(.error("schema.list-element", "a list type has exactly one element: the type of its items",
                                          at: node.position, hint: "for example:  seats: [ { id: string } ]"))
                return nil
            }
            return type(elements[0], path: path + "[]").map { .list($0) }
        }
    }

    private mutating func scalarType(_ text: String, at position: SourcePosition) -> ValueType? {
        if text.hasSuffix("?") {
            return scalarType(String(text.dropLast()), at: position).map { .optional($0) }
        }
        if text.hasPrefix("["), text.hasSuffix("]") {
            return scalarType(String(text.dropFirst().dropLast()), at: position.advanced(by: 1)).map { .list($0) }
        }
        if let type = Self.scalarNames[text] { return type }
        diagnostics.append(.error("schema.unknown-type", "unknown type '\(text)'", at: position, length: max(1, text.count),
                                  hint: Suggestion.hint(for: text, among: Self.scalarNames.keys)
                                    ?? "types: " + Self.scalarNames.keys.sorted().joined(separator: ", ")))
        return nil
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
