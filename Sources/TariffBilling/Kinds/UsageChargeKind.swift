public import TariffCore

/// `kind: usage-charge`: consumption outside the package, one line per record. Records for
/// which `billed` is false are kept for listing (`tariff consumption`) but not billed.
///
/// ```yaml
/// - id: calls
///   kind: usage-charge
///   each: account.consumption
///   billed: item.date >= add_months(cycle.start, -1) and item.date < cycle.start
///   amount: item.amount
///   label: "Calls outside the package: {item.description}"
///   date: item.date
///   team: item.team
///   user: item.user
/// ```
public struct UsageChargeKind: RuleKind {
    public let name = "usage-charge"
    public let summary = "consumption records, each an amount; billed when 'billed' holds, listed always"
    public let category = "charge"
    public let fields = [
        EachClause.field,
        RuleField("amount", .expression, required: true, summary: "Money charged for the record"),
        RuleField("billed", .expression, summary: "Bool: whether the record is billed on this invoice (default true)"),
        RuleField("quantity", .expression, summary: "units (Int, default 1)"),
        RuleField("label", .template, required: true, summary: "the line's text"),
        RuleField("date", .expression, summary: "the record's Date, for listing by date range"),
        RuleField("team", .expression, summary: "the record's team (String), for listing by team"),
        RuleField("user", .expression, summary: "the record's user (String), for listing by user"),
    ]

    public init() {}

    public func compile(_ rule: RuleCompilation) -> (any RuleProgram)? {
        guard let each = EachClause.compile(rule) else { return nil }
        func optional(_ field: String, _ type: ValueType) -> (CompiledExpression?, Bool) {
            guard rule.has(field) else { return (nil, true) }
            let compiled = rule.expression(field, expecting: type)
            return (compiled, compiled != nil)
        }
        let amount = rule.expression("amount", expecting: .money)
        let label = rule.template("label")
        let (billed, okBilled) = optional("billed", .bool)
        let (quantity, okQuantity) = optional("quantity", .int)
        let (date, okDate) = optional("date", .date)
        let (team, okTeam) = optional("team", .string)
        let (user, okUser) = optional("user", .string)
        guard let amount, let label, okBilled, okQuantity, okDate, okTeam, okUser else { return nil }
        return Program(id: rule.id, each: each, amount: amount, billed: billed, quantity: quantity, label: label,
                       date: date, team: team, user: user, settings: BillingSettings.read(rule))
    }

    struct Program: RuleProgram {
        let id: String
        let each: EachClause
        let amount: CompiledExpression
        let billed: CompiledExpression?
        let quantity: CompiledExpression?
        let label: CompiledTemplate
        let date: CompiledExpression?
        let team: CompiledExpression?
        let user: CompiledExpression?
        let settings: BillingSettings

        var resultType: ValueType { ChargeLine.listType }

        func evaluate(_ frame: Frame) throws(EvaluationError) -> Value {
            var lines: [Value] = []
            // One allocation for the lines (a record block sized by the item count).
            var block = RecordBlock(type: ChargeLine.recordType, capacity: 0)
            try each.forEach(frame, count: { count in
                lines.reserveCapacity(count)
                block = RecordBlock(type: ChargeLine.recordType, capacity: count)
            }) { item throws(EvaluationError) in
                guard case let .money(charged) = try amount.evaluate(frame) else { throw .init("eval.internal", "amount", at: amount.position) }
                var isBilled = true
                if case let .bool(b)? = try billed?.evaluate(frame) { isBilled = b }
                var count: Int64 = 1
                if case let .int(q)? = try quantity?.evaluate(frame) { count = q }
                var when: CivilDate?
                if case let .date(d)? = try date?.evaluate(frame) { when = d }
                var teamName: String?
                if case let .string(t)? = try team?.evaluate(frame) { teamName = t }
                var userName: String?
                if case let .string(u)? = try user?.evaluate(frame) { userName = u }
                let text = try label.renderValue(frame)
                do throws(ArithmeticError) {
                    let rounded = try settings.lineAmount(charged, label: "amount", trace: frame.trace)
                    let unit = count == 1 ? rounded : try Money(rounded.amount.dividing(ExactDecimal(count), scale: rounded.currency.minorUnits,
                                                                                        rounding: settings.mode), rounded.currency)
                    lines.append(ChargeLine(in: &block, rule: id, labelField: consume text, quantity: count, unitPrice: unit, amount: rounded,
                                            date: when, team: teamName, user: userName, billed: isBilled,
                                            itemsField: SingleItem.value(of: item.map(SingleItem.list) ?? [])).value)
                } catch {
                    throw EvaluationError(error, in: amount)
                }
            }
            return .list(lines)
        }
    }
}
