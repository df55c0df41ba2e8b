public import TariffCore

/// `kind: policy`: whether an action is allowed. The `deny` checks run in order; the first
/// that holds denies with its code and message; if none holds, the action is allowed and
/// the `outcome` values say what follows (the deduction on the next bill, say).
///
/// ```yaml
/// - id: remove_license
///   kind: policy
///   action: remove-license
///   request: { license: string? }
///   let:
///     unassigned: account.licenses.filter(l, l.assigned_to == null)
///   deny:
///     - when: unassigned.count() == 0
///       code: ALL_LICENSES_ASSIGNED
///       message: "Every license is assigned to a user: remove a user first."
///   allow: { code: REMOVABLE, message: "One license will be removed." }
///   outcome:
///     deduction: license_price[account.plan]
/// ```
public struct PolicyKind: RuleKind {
    public let name = "policy"
    public let summary = "allows or denies an action, with a reason code and message"
    public let category = "decision"
    public let fields = [
        RuleField("action", .text, required: true, summary: "the action decided, such as remove-license"),
        ActionRequest.field,
        ActionRequest.letField,
        RuleField("deny", .list([
            RuleField("when", .expression, required: true, summary: "Bool: deny when it holds"),
            RuleField("code", .text, required: true, summary: "a stable reason code"),
            RuleField("message", .template, required: true, summary: "why, in words the customer reads"),
        ]), required: true, summary: "checks in order; the first that holds denies"),
        RuleField("allow", .record([
            RuleField("code", .text, required: true, summary: "a stable code"),
            RuleField("message", .template, required: true, summary: "what happens, in words"),
        ]), required: true, summary: "the decision when no check denies"),
        RuleField("outcome", .expressionMap, summary: "values shown when allowed"),
    ]

    public static let recordType = RecordType.processLifetime(name: "decision", fields: [
        .init(name: "action", type: .string), .init(name: "allowed", type: .bool), .init(name: "policy", type: .string),
        .init(name: "code", type: .string), .init(name: "message", type: .string),
        .init(name: "outcome", type: .list(.record(OutcomeValue.recordType))),
    ])

    public init() {}

    public func compile(_ rule: RuleCompilation) -> (any RuleProgram)? {
        guard let action = rule.text("action"), let request = ActionRequest.compile(rule, action: action) else { return nil }
        var checks: [Program.Check] = []
        var ok = true
        for index in 0..<rule.count("deny") {
            let when = rule.expression("deny[\(index)].when", expecting: .bool)
            let message = rule.template("deny[\(index)].message")
            guard let when, let message, let code = rule.text("deny[\(index)].code") else {
                ok = false
                continue
            }
            checks.append(.init(when: when, code: code, message: message))
        }
        let allowMessage = rule.template("allow.message")
        var outcome: [(String, CompiledExpression)] = []
        for name in rule.keys("outcome") {
            guard let expression = rule.expression("outcome.\(name)") else {
                ok = false
                continue
            }
            outcome.append((name, expression))
        }
        guard ok, let allowMessage, let allowCode = rule.text("allow.code") else { return nil }
        return Program(id: rule.id, action: action, lets: request.lets, checks: checks, allowCode: allowCode,
                       allowMessage: allowMessage, outcome: outcome)
    }

    struct Program: RuleProgram {
        struct Check: Sendable {
            let when: CompiledExpression
            let code: String
            let message: CompiledTemplate
        }

        let id: String
        let action: String
        let lets: [(Int, CompiledExpression)]
        let checks: [Check]
        let allowCode: String
        let allowMessage: CompiledTemplate
        let outcome: [(String, CompiledExpression)]

        var resultType: ValueType { .record(PolicyKind.recordType) }

        func evaluate(_ frame: Frame) throws(EvaluationError) -> Value {
            try ActionRequest.bind(lets, in: frame)
            for check in checks {
                if try check.when.test(frame) {
                    frame.trace?.step("denied by", check.when.text)
                    return decision(allowed: false, code: check.code, message: try check.message.render(frame), outcome: [])
                }
            }
            var values: [Value] = []
            for (name, expression) in outcome {
                values.append(OutcomeValue(name: name, value: try expression.evaluate(frame)).record)
            }
            return decision(allowed: true, code: allowCode, message: try allowMessage.render(frame), outcome: values)
        }

        private func decision(allowed: Bool, code: String, message: String, outcome: [Value]) -> Value {
            .record(Record(type: PolicyKind.recordType, fields: [
                .string(action), .bool(allowed), .string(id), .string(code), .string(message), .list(outcome),
            ]))
        }
    }
}

/// A named value of a decision's outcome or a quote: `deduction = 64.00`. Values are kept
/// as display text with their type name, so one record type holds values of any type.
public struct OutcomeValue: Sendable, Hashable {
    public var name: String
    /// Money at its currency's scale, dates in ISO form, numbers in plain notation.
    public var text: String
    /// `money`, `date`, `int`, `decimal`, `bool`, `period` or `string`.
    public var type: String

    public init(name: String, value: Value) {
        self.name = name
        switch value {
        case let .money(money): text = money.formatted
        default: text = value.description
        }
        switch value {
        case .money: type = "money"
        case .date: type = "date"
        case .int: type = "int"
        case .decimal: type = "decimal"
        case .bool: type = "bool"
        case .period: type = "period"
        default: type = "string"
        }
    }

    public init?(_ value: Value) {
        guard case let .record(record) = value, record.count == 3, case let .string(name) = record[0],
              case let .string(text) = record[1], case let .string(type) = record[2] else { return nil }
        self.name = name
        self.text = text
        self.type = type
    }

    public static let recordType = RecordType.processLifetime(name: "outcome", fields: [
        .init(name: "name", type: .string), .init(name: "value", type: .string), .init(name: "type", type: .string),
    ])

    /// The value the text was made from, as far as the text keeps it: an `int`, `bool`,
    /// `decimal` or `date` as itself, money as a decimal, anything else as text; with its type.
    var restoredValue: (value: Value, type: ValueType) {
        switch type {
        case "int": if let number = Int64(text) { return (.int(number), .int) }
        case "bool": return (.bool(text == "true"), .bool)
        case "date": if let date = try? CivilDate(parsing: text) { return (.date(date), .date) }
        case "decimal", "money": if let number = try? ExactDecimal(parsing: text) { return (.decimal(number), .decimal) }
        default: break
        }
        return (.string(text), .string)
    }

    public var record: Value {
        .record(Record(type: Self.recordType, count: 3) { fields in
            fields.append(.string(name))
            fields.append(.string(text))
            fields.append(.string(type))
        })
    }
}
