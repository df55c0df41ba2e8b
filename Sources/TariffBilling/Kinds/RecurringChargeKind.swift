public import TariffCore

/// `kind: recurring-charge`: a price per item per cycle, billed in advance. Items with the
/// same label and unit price become one line with a quantity.
///
/// ```yaml
/// - id: licenses
///   kind: recurring-charge
///   each: account.licenses.filter(l, l.added < cycle.start)
///   price: license_price[account.plan]
///   label: "{account.plan} licenses"
///   interval: cycle
/// ```
public struct RecurringChargeKind: RuleKind {
    public let name = "recurring-charge"
    public let summary = "a price per item for a whole cycle, billed in advance"
    public let category = "charge"
    public let fields = [
        EachClause.field,
        RuleField("price", .expression, required: true, summary: "Money per item per cycle"),
        RuleField("quantity", .expression, summary: "units per item (Int, default 1)"),
        RuleField("label", .template, required: true, summary: "the line's text, with {expression} holes"),
        RuleField("interval", .expression, summary: "the Period charged, shown on the line"),
        LineMerger.field,
    ]

    public init() {}

    public func compile(_ rule: RuleCompilation) -> (any RuleProgram)? {
        guard let each = EachClause.compile(rule) else { return nil }
        let price = rule.expression("price", expecting: .money)
        let quantity = rule.has("quantity") ? rule.expression("quantity", expecting: .int) : nil
        let label = rule.template("label")
        let interval = rule.has("interval") ? rule.expression("interval", expecting: .period) : nil
        guard let price, let label, rule.has("quantity") == (quantity != nil), rule.has("interval") == (interval != nil) else {
            return nil
        }
        return Program(id: rule.id, each: each, price: price, quantity: quantity, label: label, interval: interval,
                       settings: BillingSettings.read(rule), merges: LineMerger.merges(rule) && rule.has("each"))
    }

    struct Program: RuleProgram {
        let id: String
        let each: EachClause
        let price: CompiledExpression
        let quantity: CompiledExpression?
        let label: CompiledTemplate
        let interval: CompiledExpression?
        let settings: BillingSettings
        let merges: Bool
        /// The shared one-item lists, held here: reading the `static let` each line went
        /// through its lazy initialisation check.
        let singleItems = SingleItem.values

        var resultType: ValueType { ChargeLine.listType }

        func evaluate(_ frame: Frame) throws(EvaluationError) -> Value {
            var lines: [ChargeLine] = []
            // Without merging, each line becomes its value at once: no second pass.
            var values: [Value] = []
            // And in one allocation for all of them (sized when the count is known).
            var block = RecordBlock(type: ChargeLine.recordType, capacity: 0)
            try each.forEach(frame, count: { count in
                if !merges {
                    values.reserveCapacity(count)
                    block = RecordBlock(type: ChargeLine.recordType, capacity: count)
                }
            }) { item throws(EvaluationError) in
                guard case let .money(unit) = try price.evaluate(frame) else { throw .init("eval.internal", "price", at: price.position) }
                var count: Int64 = 1
                if case let .int(q)? = try quantity?.evaluate(frame) { count = q }
                var period: Period?
                if case let .period(p)? = try interval?.evaluate(frame) { period = p }
                // Merging keys lines by their label's `String`: made once, here, for them.
                let text = merges ? .string(try label.render(frame)) : try label.renderValue(frame)
                do throws(ArithmeticError) {
                    let rounded = try settings.lineAmount(unit, label: "unit price", trace: frame.trace)
                    // One of a thing (most lines) costs its unit price: x × 1 is x, at its scale.
                    let amount = count == 1 ? rounded : try rounded.multiplying(ExactDecimal(count))
                    if merges {
                        lines.append(ChargeLine(rule: id, labelField: text, quantity: count, unitPrice: rounded, amount: amount,
                                                interval: period, itemsField: SingleItem.value(of: item.map(SingleItem.list) ?? [])))
                    } else {
                        values.append(ChargeLine(in: &block, rule: id, labelField: consume text, quantity: count, unitPrice: rounded,
                                                 amount: amount, interval: period,
                                                 itemsField: item.map { SingleItem.value($0, in: singleItems) } ?? .list([])).value)
                    }
                } catch {
                    throw EvaluationError(error, in: price)
                }
            }
            guard merges else { return .list(values) }
            do throws(ArithmeticError) {
                return .list(try LineMerger.merge(lines).map(\.value))
            } catch {
                throw EvaluationError(error, in: price)
            }
        }
    }
}
