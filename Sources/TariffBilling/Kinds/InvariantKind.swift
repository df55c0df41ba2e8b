public import TariffCore

/// `kind: invariant`: a condition the snapshot must meet before anything is computed from
/// it. An item that breaks it fails the whole evaluation with the rule's message, so a date
/// that cannot be right is an error (exit status 2 in the CLI), never a wrong invoice
/// printed without a word. Invariants run with every preview, decision, quote and listing.
///
/// ```yaml
/// - id: license_removed_after_added
///   kind: invariant
///   each: account.licenses
///   require: (item.removed ?? item.added) >= item.added
///   at: removed
///   code: LICENSE_REMOVED_BEFORE_ADDED
///   message: "License {item.id} is removed on {item.removed ?? item.added}, before it was added on {item.added}."
/// ```
///
/// The failure's id is `invariant.` and the code. When `each` is a path into the snapshot
/// (`account.licenses`, not a filtered list) the failure names the offending value's path,
/// `account.licenses[3].removed` with `at: removed`, which the CLI turns into the value's
/// `file:line:column`.
public struct InvariantKind: RuleKind {
    public let name = "invariant"
    public let summary = "a condition every snapshot must meet; an item that breaks it is an error, not a line"
    public let category = "invariant"
    public let fields = [
        EachClause.field,
        RuleField("require", .expression, required: true, summary: "Bool: what must hold for the item (or the account)"),
        RuleField("code", .text, required: true, summary: "a stable reason code"),
        RuleField("message", .template, required: true, summary: "what is wrong, in words"),
        RuleField("at", .text, summary: "the field of the item the message is about, where the error points in the snapshot"),
    ]

    public init() {}

    public func compile(_ rule: RuleCompilation) -> (any RuleProgram)? {
        guard let each = EachClause.compile(rule) else { return nil }
        let require = rule.expression("require", expecting: .bool)
        let message = rule.template("message")
        guard let require, let message, let code = rule.text("code") else { return nil }
        var field = rule.text("at")
        if let name = field {
            guard case let .list(.record(record))? = each.list?.type, record.slot(of: name) != nil else {
                let fields: [String]
                if case let .list(.record(record))? = each.list?.type { fields = record.fields.map(\.name) } else { fields = [] }
                rule.error("rules.unknown-field", "'at' names '\(name)', which is not a field of the items of 'each'", field: "at",
                           hint: Suggestion.hint(for: name, among: fields)
                             ?? (fields.isEmpty ? "'at' needs 'each' over a list of records" : "fields: " + fields.joined(separator: ", ")))
                return nil
            }
        }
        if each.list == nil { field = nil }
        return Program(id: rule.id, each: each, require: require, code: code, message: message,
                       listPath: each.list.flatMap { Self.snapshotPath($0.text, rule: rule) }, field: field)
    }

    /// The text of `each` when it is a plain path into the snapshot (`account.licenses`),
    /// so that list positions are snapshot positions; nil for anything computed.
    static func snapshotPath(_ text: String, rule: RuleCompilation) -> String? {
        let names = text.split(separator: ".", omittingEmptySubsequences: false)
        guard let root = names.first, names.allSatisfy({ name in
            name.first.map { $0.isLetter || $0 == "_" } == true && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        }) else { return nil }
        // A rule's result or the as-of date is not in the snapshot.
        guard rule.resultType(ofRule: String(root)) == nil, root != "as_of", root != "item" else { return nil }
        return text
    }

    struct Program: RuleProgram {
        let id: String
        let each: EachClause
        let require: CompiledExpression
        let code: String
        let message: CompiledTemplate
        let listPath: String?
        let field: String?

        var resultType: ValueType { .bool }

        func evaluate(_ frame: Frame) throws(EvaluationError) -> Value {
            try each.forEach(frame) { item throws(EvaluationError) in
                guard case .bool(false) = try require.evaluate(frame) else { return }
                var path: String?
                if let listPath, let item {
                    path = "\(listPath)[\(item)]" + (field.map { ".\($0)" } ?? "")
                }
                throw EvaluationError("invariant.\(code)", try message.render(frame), at: require.position,
                                      length: max(1, require.text.count), snapshotPath: path)
            }
            return .bool(true)
        }
    }
}
