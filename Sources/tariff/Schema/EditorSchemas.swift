import TariffBilling
import TariffCore

/// JSON Schemas (draft-07, what editors' YAML support reads) for the files analysts edit:
/// rule files, generated from the plugin registry (every section, every kind and its
/// fields); snapshots, generated from the rules' input type; and rule tests.
///
/// Values are described as YAML 1.2 reads them, as editors do: `64.00` is a number, `NO` and
/// `2026-04-30` are strings. Tariff itself reads every scalar as text and decides by the
/// type it expects, so where Tariff accepts a number written as text, so does the schema.
enum EditorSchemas {
    typealias Item = JSONWriter.Item

    private static let draft = ("$schema", Item.string("http://json-schema.org/draft-07/schema#"))

    // MARK: Rule files

    static func rules(_ registry: PluginRegistry) -> Item {
        let kinds = registry.kinds.values.sorted { $0.name < $1.name }
        var properties: [(String, Item)] = [
            ("tariff", .object([("description", .string("the rule format version: 1")), ("enum", .array([.raw("1"), .string("1")]))])),
            ("currency", .object([("description", .string("the ISO 4217 code the rules bill in, such as EUR")),
                                  ("type", .string("string")), ("pattern", .string("^[A-Z]{3}$"))])),
            ("input", .object([("description", .string("what a snapshot holds: field names mapped to types (string, int, decimal, money, date, bool, period; a '?' makes a field optional; a one-element list is a list)")),
                               ("type", .string("object")), ("additionalProperties", ref("typeDeclaration"))])),
            ("tables", .object([("description", .string("lookup tables: each maps row keys to values, optionally with a declared type")),
                                ("type", .string("object")), ("additionalProperties", ref("table"))])),
            ("rules", .object([("description", .string("the rules, each with an id and a kind")), ("type", .string("array")),
                               ("items", ref("rule"))])),
        ]
        for (name, fields) in registry.sections.sorted(by: { $0.key < $1.key }) {
            properties.append((name, record(fields, description: "settings: " + fields.map(\.name).joined(separator: ", "))))
        }
        var definitions: [(String, Item)] = [
            ("expression", .object([("description", .string("an expression, such as license_price[account.plan]")),
                                    ("type", .array([.string("string"), .string("number"), .string("boolean")]))])),
            ("typeDeclaration", .object([("anyOf", .array([
                .object([("type", .string("string"))]),
                .object([("type", .string("object"))]),
                .object([("type", .string("array")), ("minItems", .raw("1")), ("maxItems", .raw("1"))]),
            ]))])),
            ("tableValue", .object([("type", .array([.string("string"), .string("number"), .string("boolean")]))])),
            ("table", .object([("anyOf", .array([
                .object([
                    ("type", .string("object")), ("required", .array([.string("type"), .string("rows")])),
                    ("properties", .object([
                        ("type", .object([("enum", .array(TypeSyntax.scalarNames.keys.sorted().map { .string($0) }))])),
                        ("rows", .object([("type", .string("object")), ("additionalProperties", ref("tableValue"))])),
                    ])),
                    ("additionalProperties", .bool(false)),
                ]),
                .object([("type", .string("object")), ("additionalProperties", ref("tableValue"))]),
            ]))])),
        ]
        let ruleID: Item = .object([("description", .string("the rule's name: letters, digits and '_'")), ("type", .string("string")),
                                    ("pattern", .string("^[A-Za-z_][A-Za-z0-9_]*$"))])
        var cases: [Item] = []
        for kind in kinds {
            let fields = RuleDeclaration.commonFields + kind.fields
            var body = recordMembers(fields, description: "kind \(kind.name): \(kind.summary)")
            if let index = body.firstIndex(where: { $0.0 == "properties" }), case let .object(members) = body[index].1 {
                body[index].1 = .object(members.map { $0.0 == "id" ? ($0.0, ruleID) : $0.0 == "kind" ? ($0.0, .object([("const", .string(kind.name))])) : $0 })
            }
            definitions.append(("kind-\(kind.name)", .object(body)))
            cases.append(.object([
                ("if", .object([("properties", .object([("kind", .object([("const", .string(kind.name))]))])),
                                ("required", .array([.string("kind")]))])),
                ("then", ref("kind-\(kind.name)")),
            ]))
        }
        definitions.append(("rule", .object([
            ("type", .string("object")), ("required", .array([.string("id"), .string("kind")])),
            ("properties", .object([
                ("id", ruleID),
                ("kind", .object([("description", .string("what the rule does")),
                                  ("enum", .array(kinds.map { .string($0.name) }))])),
            ])),
            ("allOf", .array(cases)),
        ])))
        return .object([
            draft,
            ("title", .string("Tariff rule file")),
            ("description", .string("A file of rules/ (generated by 'tariff schema rules' from the plugin registry).")),
            ("type", .string("object")),
            ("properties", .object(properties)),
            ("additionalProperties", .bool(false)),
            ("definitions", .object(definitions)),
        ])
    }

    private static func ref(_ name: String) -> Item { .object([("$ref", .string("#/definitions/\(name)"))]) }

    private static func record(_ fields: [RuleField], description: String) -> Item {
        .object(recordMembers(fields, description: description))
    }

    private static func recordMembers(_ fields: [RuleField], description: String) -> [(String, Item)] {
        var members: [(String, Item)] = [("description", .string(description)), ("type", .string("object"))]
        let required = fields.filter(\.isRequired).map { Item.string($0.name) }
        if !required.isEmpty { members.append(("required", .array(required))) }
        members.append(("properties", .object(fields.map { ($0.name, field($0)) })))
        members.append(("additionalProperties", .bool(false)))
        return members
    }

    private static func field(_ field: RuleField) -> Item {
        let summary: [(String, Item)] = field.summary.isEmpty ? [] : [("description", .string(field.summary))]
        switch field.shape {
        case .expression:
            return .object(summary + [("type", .array([.string("string"), .string("number"), .string("boolean")]))])
        case .template:
            return .object(summary + [("type", .array([.string("string"), .string("number")]))])
        case .text:
            return .object(summary + [("type", .array([.string("string"), .string("number"), .string("boolean")]))])
        case let .choice(options):
            return .object(summary + [("enum", .array(options.map { .string($0) }))])
        case .ruleList:
            return .object(summary + [("anyOf", .array([
                .object([("type", .string("string"))]),
                .object([("type", .string("array")), ("items", .object([("type", .string("string"))]))]),
            ]))])
        case .mapping:
            return .object(summary + [("type", .string("object"))])
        case let .record(fields):
            return record(fields, description: field.summary)
        case let .list(fields):
            return .object(summary + [("type", .string("array")), ("items", record(fields, description: field.summary))])
        case .expressionMap:
            return .object(summary + [("type", .string("object")), ("additionalProperties", ref("expression"))])
        }
    }

    // MARK: Snapshots

    static func snapshot(_ graph: RuleGraph) -> Item {
        var members = recordType(graph.inputType, required: true)
        if let index = members.firstIndex(where: { $0.0 == "properties" }), case let .object(properties) = members[index].1 {
            members[index].1 = .object([("as_of", date("the date the snapshot is previewed as of, unless --as-of says otherwise"))] + properties)
        }
        return .object([draft, ("title", .string("Tariff account snapshot")),
                        ("description", .string("An account snapshot (generated by 'tariff schema snapshot' from the rules' input type)."))]
                       + members)
    }

    /// A record type's members: properties by field, the fields that may not be absent,
    /// and no others.
    private static func recordType(_ type: RecordType, required: Bool) -> [(String, Item)] {
        var members: [(String, Item)] = [("type", .string("object"))]
        let needed = type.fields.filter { !$0.type.isOptional }.map { Item.string($0.name) }
        if required, !needed.isEmpty { members.append(("required", .array(needed))) }
        members.append(("properties", .object(type.fields.map { ($0.name, value($0.type, field: $0)) })))
        members.append(("additionalProperties", .bool(false)))
        return members
    }

    private static func value(_ type: ValueType, field: RecordType.Field?) -> Item {
        let minimum = field?.minimum.map { [("minimum", Item.raw($0.description))] } ?? []
        switch type {
        case .string:
            if let allowed = field?.allowed { return .object([("enum", .array(allowed.map { .string($0) }))]) }
            return .object([("type", .array([.string("string"), .string("number"), .string("boolean")]))])
        case .int:
            return .object([("anyOf", .array([.object([("type", .string("integer"))] + minimum),
                                               .object([("type", .string("string")), ("pattern", .string("^-?[0-9]+$"))])]))])
        case .decimal, .money:
            let pattern = type == .money ? "^-?[0-9]+(\\.[0-9]+)?( [A-Z]{3})?$" : "^-?[0-9]+(\\.[0-9]+)?$"
            return .object([("anyOf", .array([.object([("type", .string("number"))] + minimum),
                                               .object([("type", .string("string")), ("pattern", .string(pattern))])]))])
        case .date: return date(nil)
        case .bool: return .object([("type", .string("boolean"))])
        case .period:
            return .object([("type", .string("string")),
                            ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}/[0-9]{4}-[0-9]{2}-[0-9]{2}$"))])
        case let .list(element): return .object([("type", .string("array")), ("items", value(element, field: nil))])
        case let .record(record): return .object(recordType(record, required: true))
        case let .optional(wrapped):
            return .object([("anyOf", .array([value(wrapped, field: field), .object([("type", .string("null"))])]))])
        case .null: return .object([("type", .string("null"))])
        }
    }

    private static func date(_ description: String?) -> Item {
        .object((description.map { [("description", Item.string($0))] } ?? [])
                + [("type", .string("string")), ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))])
    }

    // MARK: Rule tests

    static func tests(_ engine: BillingEngine) -> Item {
        let graph = engine.graph
        var account: Item = .object([("type", .string("object"))])
        if let slot = graph.inputType.slot(of: "account"), case let .record(type) = graph.inputType.fields[slot].type {
            // Without required fields: with account_file, the case's fields replace the file's.
            account = .object([("description", .string("the account inline, or with account_file the fields that replace the file's"))]
                              + recordType(type, required: false))
        }
        let amount: Item = .object([("type", .array([.string("number"), .string("string")]))])
        let text: Item = .object([("type", .array([.string("string"), .string("number"), .string("boolean")]))])
        let line: Item = .object([
            ("type", .string("object")),
            ("properties", .object([
                ("rule", text), ("label", text), ("quantity", .object([("type", .string("integer"))])), ("unit_price", amount),
                ("amount", amount), ("interval", text), ("fraction", text), ("basis", text),
            ])),
            ("additionalProperties", .bool(false)),
        ])
        let named: Item = .object([("type", .string("object")), ("additionalProperties", text)])
        let violation: Item = .object([("anyOf", .array([
            .object([("type", .string("string"))]),
            .object([("type", .string("object")), ("required", .array([.string("code")])),
                     ("properties", .object([("code", text), ("rule", text), ("message", text)])),
                     ("additionalProperties", .bool(false))]),
        ]))])
        let expect: Item = .object([
            ("description", .string("an invoice: lines, subtotal, credits, credits_carried_over, total, period, violations; a decision: allowed, policy, code, message, outcome; a quote: values, prorated")),
            ("type", .string("object")),
            ("properties", .object([
                ("lines", .object([("type", .string("array")), ("items", line)])), ("subtotal", amount), ("credits", amount),
                ("credits_carried_over", amount), ("total", amount), ("period", text),
                ("violations", .object([("type", .string("array")), ("items", violation)])),
                ("allowed", .object([("type", .string("boolean"))])), ("policy", text), ("code", text), ("message", text),
                ("outcome", named), ("values", named), ("prorated", line),
            ])),
            ("additionalProperties", .bool(false)),
        ])
        var requestCases: [Item] = []
        for (key, actions) in [("action", engine.policyActions), ("quote", engine.quoteActions)] {
            for action in actions {
                guard let type = engine.requestType(for: action) else { continue }
                requestCases.append(.object([
                    ("if", .object([("properties", .object([(key, .object([("const", .string(action))]))])),
                                    ("required", .array([.string(key)]))])),
                    ("then", .object([("properties", .object([("request", .object(recordType(type, required: true)))]))])),
                ]))
            }
        }
        let testCase: Item = .object([
            ("type", .string("object")),
            ("required", .array([.string("name"), .string("expect")])),
            ("properties", .object([
                ("name", .object([("description", .string("what the case checks, in words")), ("type", .string("string"))])),
                ("description", .object([("type", .string("string"))])),
                ("account", account),
                ("account_file", .object([("description", .string("a snapshot file, relative to this test file")),
                                          ("type", .string("string"))])),
                ("as_of", date("the as-of date; default: the account file's")),
                ("action", .object([("description", .string("a decision: the action a policy decides")),
                                    ("enum", .array(engine.policyActions.map { .string($0) }))])),
                ("quote", .object([("description", .string("a quote: the action a quote prices")),
                                   ("enum", .array(engine.quoteActions.map { .string($0) }))])),
                ("request", .object([("description", .string("the request's fields, as the policy or quote declares them")),
                                     ("type", .string("object"))])),
                ("expect", expect),
            ])),
            ("additionalProperties", .bool(false)),
            ("allOf", .array(requestCases)),
        ])
        return .object([
            draft, ("title", .string("Tariff rule tests")),
            ("description", .string("Test cases for 'tariff test' (generated by 'tariff schema tests' from the rules).")),
            ("type", .string("object")), ("required", .array([.string("tests")])),
            ("properties", .object([("tests", .object([("type", .string("array")), ("items", testCase)]))])),
            ("additionalProperties", .bool(false)),
        ])
    }
}
