public import TariffCore

/// `kind: quote`: what an action would cost, before it is taken: named values in order
/// (each usable by the next) and optionally a prorated amount for a prepayable period.
///
/// ```yaml
/// - id: add_licenses
///   kind: quote
///   action: add-licenses
///   request: { count: { type: int, min: 1 }, on: date }
///   values:
///     price_per_license: license_price[account.plan]
///     first_payment: start_of_month(add_months(request.on, 1))
///   prorate: { price: price_per_license, quantity: request.count, from: request.on, to: first_payment }
/// ```
public struct QuoteKind: RuleKind {
    public let name = "quote"
    public let summary = "what an action would cost: named values and a prorated amount"
    public let category = "quote"
    public let fields = [
        RuleField("action", .text, required: true, summary: "the action quoted, such as add-licenses"),
        ActionRequest.field,
        ActionRequest.letField,
        RuleField("values", .expressionMap, required: true, summary: "the values shown, in order; each may use the ones before"),
        RuleField("prorate", .record([
            RuleField("price", .expression, required: true, summary: "Money per unit for a whole cycle"),
            RuleField("quantity", .expression, summary: "units (Int, default 1)"),
            RuleField("from", .expression, required: true, summary: "the first Date of the prepayable period"),
            RuleField("to", .expression, required: true, summary: "the Date after its last day"),
        ]), summary: "a prorated amount over [from, to) on the declared basis"),
    ]

    public static let recordType = RecordType.processLifetime(name: "quote", fields: [
        .init(name: "action", type: .string), .init(name: "quote", type: .string),
        .init(name: "values", type: .list(.record(OutcomeValue.recordType))),
        .init(name: "prorated", type: .optional(ChargeLine.listType)),
    ])

    public init() {}

    public func compile(_ rule: RuleCompilation) -> (any RuleProgram)? {
        guard let action = rule.text("action"), let request = ActionRequest.compile(rule, action: action) else { return nil }
        var values: [(String, Int, CompiledExpression)] = []
        for name in rule.keys("values") {
            guard let expression = rule.expression("values.\(name)") else { return nil }
            values.append((name, rule.bind(name, type: expression.type), expression))
        }
        var prorate: Program.Prorate?
        if rule.has("prorate") {
            let settings = BillingSettings.read(rule)
            guard let basis = settings.basis else {
                rule.error("rules.missing-basis", "quote '\(rule.id)' prorates but no proration basis is declared", field: "prorate",
                           hint: "declare 'proration: { basis: actual-days }' in a rule file")
                return nil
            }
            let price = rule.expression("prorate.price", expecting: .money)
            let from = rule.expression("prorate.from", expecting: .date)
            let to = rule.expression("prorate.to", expecting: .date)
            let quantity = rule.has("prorate.quantity") ? rule.expression("prorate.quantity", expecting: .int) : nil
            guard let price, let from, let to, rule.has("prorate.quantity") == (quantity != nil) else { return nil }
            prorate = .init(price: price, quantity: quantity, from: from, to: to, basis: basis, settings: settings)
        }
        return Program(id: rule.id, action: action, lets: request.lets, values: values, prorate: prorate)
    }

    struct Program: RuleProgram {
        struct Prorate: Sendable {
            let price: CompiledExpression
            let quantity: CompiledExpression?
            let from: CompiledExpression
            let to: CompiledExpression
            let basis: any ProrationBasis
            let settings: BillingSettings
        }

        let id: String
        let action: String
        let lets: [(Int, CompiledExpression)]
        let values: [(String, Int, CompiledExpression)]
        let prorate: Prorate?

        var resultType: ValueType { .record(QuoteKind.recordType) }

        func evaluate(_ frame: Frame) throws(EvaluationError) -> Value {
            try ActionRequest.bind(lets, in: frame)
            var shown: [Value] = []
            for (name, slot, expression) in values {
                let value = try expression.evaluate(frame)
                frame.locals[slot] = value
                shown.append(OutcomeValue(name: name, value: value).record)
            }
            var prorated: Value = .null
            if let prorate {
                guard case let .money(monthly) = try prorate.price.evaluate(frame),
                      case let .date(start) = try prorate.from.evaluate(frame),
                      case let .date(end) = try prorate.to.evaluate(frame) else {
                    throw .init("eval.internal", "quote inputs", at: prorate.price.position)
                }
                var count: Int64 = 1
                if let quantity = prorate.quantity, case let .int(q) = try quantity.evaluate(frame) { count = q }
                do throws(ArithmeticError) {
                    let interval = try Period(start: start, end: end)
                    let proration = try prorate.basis.prorate(interval)
                    let unit = try ProratedChargeKind.Program.prorate(monthly, by: proration.fraction, settings: prorate.settings,
                                                                      trace: frame.trace)
                    frame.trace?.step("fraction", "\(proration.explanation) (basis \(prorate.basis.name))")
                    let amount = try unit.multiplying(ExactDecimal(count))
                    prorated = .list([ChargeLine(rule: id, label: "prepayable period", quantity: count, unitPrice: unit,
                                                 amount: amount, interval: interval, fraction: proration.fraction.description,
                                                 basis: prorate.basis.name).value])
                } catch {
                    throw EvaluationError(error, in: prorate.from)
                }
            }
            return .record(Record(type: QuoteKind.recordType, fields: [.string(action), .string(id), .list(shown), prorated]))
        }
    }
}
