public import TariffCore

/// `kind: violation`: a policy the snapshot already breaks, shown on the invoice.
///
/// ```yaml
/// - id: foreign_numbers
///   kind: violation
///   each: account.numbers
///   when: item.country != account.country and not (item.country in account.verified_countries)
///   code: FOREIGN_NUMBER_WITHOUT_VERIFIED_ADDRESS
///   message: "Number {item.e164} is in {item.country}, without a verified address there."
///   details: { e164: item.e164, country: item.country }   # optional, for machines
/// ```
public struct ViolationKind: RuleKind {
    public let name = "violation"
    public let summary = "a breach of policy found in the snapshot, listed on the invoice"
    public let category = "violation"
    public let fields = [
        EachClause.field,
        RuleField("when", .expression, required: true, summary: "Bool: whether the item (or account) is in breach"),
        RuleField("code", .text, required: true, summary: "a stable reason code"),
        RuleField("message", .template, required: true, summary: "what is wrong, in words"),
        RuleField("details", .expressionMap,
                  summary: "named values for machines (e164: item.e164), in the order written"),
    ]

    /// The declared type of a violation's `details`: a record whose fields each rule names
    /// (its own type, with the names and types of its `details`), read by name through
    /// ``Invoice/Violation/details``; null when the rule has none.
    public static let detailsType = RecordType.processLifetime(name: "details", fields: [])

    public static let recordType = RecordType.processLifetime(name: "violation", fields: [
        .init(name: "rule", type: .string), .init(name: "code", type: .string), .init(name: "message", type: .string),
        .init(name: "details", type: .optional(.record(detailsType))),
    ])

    public init() {}

    public func compile(_ rule: RuleCompilation) -> (any RuleProgram)? {
        guard let each = EachClause.compile(rule) else { return nil }
        let when = rule.expression("when", expecting: .bool)
        let message = rule.template("message")
        var details: [Detail] = []
        var ok = true
        for name in rule.keys("details") {
            guard let expression = rule.expression("details.\(name)") else {
                ok = false
                continue
            }
            details.append(Detail(name: name, expression: expression))
        }
        guard ok, let when, let message, let code = rule.text("code") else { return nil }
        // One record per violation holds its details, of a type with the rule's names: one
        // allocation, where a list of name-and-value records was three for two details.
        let detailsType = RecordType(name: "details", fields: details.map { .init(name: $0.name, type: $0.expression.type) })
        return Program(id: rule.id, each: each, when: when, code: code, message: message, details: details, detailsType: detailsType)
    }

    struct Detail: Sendable {
        let name: String
        let expression: CompiledExpression
    }

    struct Program: RuleProgram {
        let id: String
        let each: EachClause
        let when: CompiledExpression
        let code: String
        let message: CompiledTemplate
        let details: [Detail]
        let detailsType: RecordType

        var resultType: ValueType { .list(.record(ViolationKind.recordType)) }

        /// Violations (and details records) per allocation: 8 violations are 768 bytes,
        /// a size the allocator keeps ready.
        static let blockRoom = 8

        func evaluate(_ frame: Frame) throws(EvaluationError) -> Value {
            var found: [Value] = []
            // The violations, and their details, made in blocks of a few (most items break
            // no rule): an allocation per few violations, not one each.
            var violations = RecordBlock(type: ViolationKind.recordType, capacity: 0)
            var detailRecords = RecordBlock(type: detailsType, capacity: 0)
            // Room for every item at once: one allocation, where growing one violation at
            // a time reallocated the list as it grew.
            try each.forEach(frame, count: { count in
                found.reserveCapacity(count)
                violations = RecordBlock(type: ViolationKind.recordType, capacity: min(count, Self.blockRoom))
                detailRecords = RecordBlock(type: detailsType, capacity: min(count, Self.blockRoom))
            }) { _ throws(EvaluationError) in
                guard try when.test(frame) else { return }
                var values = Value.null
                if !details.isEmpty {
                    // Read in place through a buffer: `for (name, expression) in details`
                    // copies each pair out (a retain and a release per field of the expression).
                    try details.withUnsafeBufferPointer { details throws(EvaluationError) in
                        values = .record(try detailRecords.record(throwing: { fields throws(EvaluationError) in
                            for detail in details.indices { fields.append(try details[detail].expression.evaluate(frame)) }
                        }))
                    }
                }
                let text = try message.renderValue(frame)
                // Appended without a closure, so the message and details are moved into
                // their fields, not copied (a retain and a release each).
                var fields = violations.next()
                fields.append(.string(id))
                fields.append(.string(code))
                fields.append(consume text)
                fields.append(consume values)
                found.append(.record(violations.record(from: fields)))
            }
            return .list(found)
        }
    }
}
