/// Reading the top-level sections of rule files: settings, tables, the input schema and
/// rule declarations.
extension CompilerState {
    mutating func readDocument(_ document: SourceDocument) {
        guard let entries = document.root.entries else {
            diagnose("rules.expected-mapping", "a rule file is a mapping of sections (tariff, currency, tables, rules, …), found \(document.root.kindDescription)",
                  at: document.root.position)
            return
        }
        let known = RuleCompiler.coreSections + registry.sections.keys.sorted()
        for entry in entries {
            switch entry.name {
            case "tariff":
                if entry.value.scalar != "1" {
                    diagnose("rules.version", "unsupported rule format version '\(entry.value.scalar ?? entry.value.kindDescription)'",
                          at: entry.value.position, hint: "this version of Tariff reads 'tariff: 1'")
                }
            case "currency":
                readCurrency(entry.value)
            case "input":
                inputNodes.append(entry)
            case "tables":
                guard let tables = entry.value.entries else {
                    diagnose("rules.expected-mapping", "'tables' must be a mapping of table names to rows", at: entry.value.position)
                    continue
                }
                tableNodes.append(contentsOf: tables)
            case "rules":
                guard let items = entry.value.elements else {
                    diagnose("rules.expected-list", "'rules' must be a list of rules, each starting with '- id:'", at: entry.value.position)
                    continue
                }
                for item in items { readDeclaration(item, file: document.file) }
            default:
                if let fields = registry.sections[entry.name] {
                    readSection(entry, fields: fields)
                } else {
                    diagnose("rules.unknown-section", "unknown section '\(entry.name)'", at: entry.key.position, length: entry.name.count,
                          hint: Suggestion.hint(for: entry.name, among: known) ?? "sections: " + known.joined(separator: ", "))
                }
            }
        }
    }

    private mutating func readCurrency(_ node: SourceNode) {
        guard let code = node.scalar, let currency = Currency(code: code) else {
            let text = node.scalar ?? node.kindDescription
            diagnose("rules.unknown-currency", "unknown currency '\(text)'", at: node.position, length: text.count,
                  hint: Suggestion.hint(for: text, among: Currency.knownCodes) ?? "use an ISO 4217 code such as EUR")
            return
        }
        if let (existing, position) = self.currency, existing != currency {
            diagnose("rules.currency-conflict", "currency \(code) differs from \(existing.code) declared earlier", at: node.position,
                  length: code.count, notes: [.init("\(existing.code) declared here", at: position)],
                  hint: "a rule set bills in one currency")
            return
        }
        self.currency = (currency, node.position)
    }

    private mutating func readSection(_ entry: SourceEntry, fields: [RuleField]) {
        guard let entries = entry.value.entries else {
            diagnose("rules.expected-mapping", "'\(entry.name)' must be a mapping", at: entry.value.position)
            return
        }
        let names = fields.map(\.name)
        for field in entries {
            guard let spec = fields.first(where: { $0.name == field.name }) else {
                diagnose("rules.unknown-field", "'\(entry.name)' has no setting '\(field.name)'", at: field.key.position,
                      length: field.name.count,
                      hint: Suggestion.hint(for: field.name, among: names) ?? "settings: " + names.joined(separator: ", "))
                continue
            }
            if case let .choice(options) = spec.shape, let value = field.value.scalar, !options.contains(value) {
                diagnose("rules.bad-choice", "'\(value)' is not a valid \(entry.name) \(field.name)", at: field.value.position,
                      length: value.count,
                      hint: Suggestion.hint(for: value, among: options) ?? "choose one of: " + options.joined(separator: ", "))
            }
            if let previous = sections[entry.name]?.first(where: { $0.name == field.name }),
               previous.value.scalar != field.value.scalar {
                diagnose("rules.setting-conflict", "\(entry.name).\(field.name) is set twice, differently", at: field.value.position,
                      notes: [.init("first set here", at: previous.value.position)])
                continue
            }
            sections[entry.name, default: []].append(field)
        }
        for spec in fields where spec.isRequired && !entries.contains(where: { $0.name == spec.name }) {
            diagnose("rules.missing-field", "'\(entry.name)' needs '\(spec.name)' (\(spec.summary))", at: entry.key.position,
                  length: entry.name.count)
        }
    }

    /// Settings expressions obey. Rounding is declared, never implied: without a
    /// `rounding` section there is nothing to round with.
    mutating func readSettings() -> ExpressionSettings {
        let rounding = sections["rounding"] ?? []
        let mode = rounding.first { $0.name == "mode" }?.value.scalar.flatMap(RoundingMode.init(rawValue:))
        var scale: Int?
        if let node = rounding.first(where: { $0.name == "scale" })?.value {
            if let text = node.scalar, let value = Int(text), (0...ExactDecimal.maxScale).contains(value) {
                scale = value
            } else {
                diagnose("rules.bad-scale", "rounding scale must be a whole number from 0 to \(ExactDecimal.maxScale)", at: node.position)
            }
        }
        var precision = 10
        if let node = rounding.first(where: { $0.name == "precision" })?.value {
            if let text = node.scalar, let value = Int(text), (0...ExactDecimal.maxScale).contains(value) {
                precision = value
            } else {
                diagnose("rules.bad-scale", "rounding precision must be a whole number from 0 to \(ExactDecimal.maxScale)", at: node.position)
            }
        }
        let resolvedCurrency = currency?.0 ?? Currency.eur
        if currency == nil, !declarations.isEmpty {
            diagnostics.append(.error("rules.missing-currency", "no currency declared",
                                      at: declarations.first.map { SourcePosition(file: $0.file, line: 1, column: 1) },
                                      hint: "add 'currency: EUR' (an ISO 4217 code) to a rule file"))
        }
        if rounding.isEmpty, !declarations.isEmpty {
            diagnostics.append(.error("rules.missing-rounding", "no rounding declared",
                                      at: declarations.first.map { SourcePosition(file: $0.file, line: 1, column: 1) },
                                      hint: "add 'rounding: { mode: half-up, scale: 2 }' to a rule file"))
        }
        return ExpressionSettings(currency: resolvedCurrency, rounding: mode ?? .halfEven,
                                  scale: scale ?? resolvedCurrency.minorUnits, divisionScale: precision)
    }

    mutating func readTables(settings: ExpressionSettings) -> [String: Table] {
        var tables: [String: Table] = [:]
        for entry in tableNodes {
            let name = entry.name
            if let existing = tables[name] {
                diagnose("table.duplicate", "table '\(name)' is already defined", at: entry.key.position, length: name.count,
                      notes: [.init("first defined here", at: existing.position)])
                continue
            }
            var declaredType: ValueType?
            var rowsNode = entry.value
            if let typeNode = entry.value["type"], let rows = entry.value["rows"] {
                rowsNode = rows
                let text = typeNode.scalar ?? ""
                guard let type = TypeSyntax.scalarNames[text] else {
                    diagnose("schema.unknown-type", "unknown table type '\(text)'", at: typeNode.position, length: max(1, text.count),
                          hint: Suggestion.hint(for: text, among: TypeSyntax.scalarNames.keys))
                    continue
                }
                declaredType = type
            }
            guard let rows = rowsNode.entries else {
                diagnose("table.expected-rows", "table '\(name)' must map keys to values, such as 'ADVANCED: 64.00'",
                      at: rowsNode.position)
                continue
            }
            let type = declaredType ?? inferTableType(rows)
            var values: [(key: String, value: Value, position: SourcePosition)] = []
            var seen: [String: SourcePosition] = [:]
            for row in rows {
                if let first = seen[row.name] {
                    diagnose("table.duplicate-row", "table '\(name)' has row '\(row.name)' twice", at: row.key.position,
                          length: row.name.count, notes: [.init("first row here", at: first)])
                    continue
                }
                seen[row.name] = row.key.position
                switch ScalarDecoder.decode(row.value, as: type, currency: settings.currency) {
                case let .success(value): values.append((row.name, value, row.key.position))
                case let .failure(diagnostic): diagnostics.append(diagnostic)
                }
            }
            tables[name] = Table(name: name, valueType: type, rows: values, position: entry.key.position)
        }
        return tables
    }

    /// A table without a declared type holds integers, decimals or text.
    private func inferTableType(_ rows: [SourceEntry]) -> ValueType {
        let texts = rows.compactMap { row -> String? in
            if case let .scalar(text, .plain) = row.value.content { return text }
            return nil
        }
        guard texts.count == rows.count else { return .string }
        if texts.allSatisfy({ Int64($0) != nil }) { return .int }
        if texts.allSatisfy({ (try? ExactDecimal(parsing: $0)) != nil }) { return .decimal }
        return .string
    }

    mutating func readInput(_ schema: inout TypeSyntax) -> RecordType {
        var fields: [RecordType.Field] = []
        var seen: [String: SourcePosition] = [:]
        for entry in inputNodes {
            guard let record = schema.record(entry.value, name: "input") else { continue }
            let positions = entry.value.entries ?? []
            for (field, node) in zip(record.fields, positions) {
                if let first = seen[field.name] {
                    diagnose("schema.duplicate-field", "input field '\(field.name)' is declared twice", at: node.key.position,
                          notes: [.init("first declared here", at: first)])
                    continue
                }
                seen[field.name] = node.key.position
                fields.append(field)
            }
        }
        return RecordType(name: "snapshot", fields: fields)
    }

    mutating func readDeclaration(_ node: SourceNode, file: String) {
        guard let entries = node.entries else {
            diagnose("rules.expected-mapping", "a rule is a mapping starting with 'id:' and 'kind:', found \(node.kindDescription)",
                  at: node.position)
            return
        }
        var fields: [String: SourceEntry] = [:]
        for entry in entries where fields[entry.name] == nil { fields[entry.name] = entry }
        guard let idEntry = fields["id"], let id = idEntry.value.scalar, !id.isEmpty else {
            diagnose("rules.missing-field", "this rule has no 'id'", at: node.position, hint: "add 'id: a_name' as its first line")
            return
        }
        guard id.first.map({ $0.isLetter || $0 == "_" }) == true,
              id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            diagnose("rules.bad-id", "rule id '\(id)' must be a name of letters, digits and '_'", at: idEntry.value.position,
                  length: id.count, hint: id.contains("-") ? "write '\(id.replacingHyphens)'" : nil)
            return
        }
        guard let kindEntry = fields["kind"], let kindName = kindEntry.value.scalar else {
            diagnose("rules.missing-field", "rule '\(id)' has no 'kind'", at: idEntry.value.position, length: id.count,
                  hint: "kinds: " + registry.kinds.keys.sorted().joined(separator: ", "))
            return
        }
        let declaration = RuleDeclaration(id: id, kind: kindName, position: node.position, idPosition: idEntry.value.position,
                                          fields: fields, file: file, root: node)
        declarations.append(declaration)
        guard let kind = registry.kinds[kindName] else {
            diagnose("rules.unknown-kind", "unknown rule kind '\(kindName)'", at: kindEntry.value.position, length: kindName.count,
                  hint: Suggestion.hint(for: kindName, among: registry.kinds.keys)
                    ?? "kinds: " + registry.kinds.keys.sorted().joined(separator: ", "))
            return
        }
        _ = kind
    }
}

extension String {
    var replacingHyphens: String { String(map { $0 == "-" ? "_" : $0 }) }
}
