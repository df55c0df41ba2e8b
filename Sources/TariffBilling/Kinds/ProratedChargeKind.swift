public import TariffCore

/// `kind: prorated-charge`: a monthly price charged for part of a cycle, the prepayable
/// period of something added mid-cycle. The fraction comes from the declared proration
/// basis; how it is rounded, from the declared settings. Both are written in the trace.
///
/// ```yaml
/// - id: added_licenses
///   kind: prorated-charge
///   each: account.licenses.filter(l, (l.billed_until ?? l.added) < cycle.start)
///   price: license_price[account.plan]
///   from: item.billed_until ?? item.added
///   to: cycle.start
///   label: "{account.plan} license added {item.added}"
/// ```
public struct ProratedChargeKind: RuleKind {
    public let name = "prorated-charge"
    public let summary = "a monthly price prorated over an interval [from, to) on the declared basis"
    public let category = "charge"
    public let fields = [
        EachClause.field,
        RuleField("price", .expression, required: true, summary: "Money per item for a whole cycle"),
        RuleField("from", .expression, required: true, summary: "the first Date charged"),
        RuleField("to", .expression, required: true, summary: "the Date after the last one charged (half-open)"),
        RuleField("quantity", .expression, summary: "units per item (Int, default 1)"),
        RuleField("label", .template, required: true, summary: "the line's text, with {expression} holes"),
        RuleField("basis", .text, summary: "a proration basis overriding the 'proration' section's"),
        LineMerger.field,
    ]

    public init() {}

    public func compile(_ rule: RuleCompilation) -> (any RuleProgram)? {
        var settings = BillingSettings.read(rule)
        if let name = rule.text("basis") {
            guard let basis = rule.registry.prorationBases[name] else {
                rule.error("rules.unknown-basis", "unknown proration basis '\(name)'", field: "basis",
                           hint: Suggestion.hint(for: name, among: rule.registry.prorationBases.keys)
                             ?? "bases: " + rule.registry.prorationBases.keys.sorted().joined(separator: ", "))
                return nil
            }
            settings.basis = basis
        }
        guard let basis = settings.basis else {
            rule.error("rules.missing-basis", "prorated-charge '\(rule.id)' needs a proration basis",
                       hint: "declare 'proration: { basis: actual-days }' in a rule file, or 'basis:' on the rule")
            return nil
        }
        guard let each = EachClause.compile(rule) else { return nil }
        let price = rule.expression("price", expecting: .money)
        let from = rule.expression("from", expecting: .date)
        let to = rule.expression("to", expecting: .date)
        let quantity = rule.has("quantity") ? rule.expression("quantity", expecting: .int) : nil
        let label = rule.template("label")
        guard let price, let from, let to, let label, rule.has("quantity") == (quantity != nil) else { return nil }
        return Program(id: rule.id, each: each, price: price, from: from, to: to, quantity: quantity, label: label,
                       basis: basis, settings: settings, merges: LineMerger.merges(rule) && rule.has("each"))
    }

    struct Program: RuleProgram {
        let id: String
        let each: EachClause
        let price: CompiledExpression
        let from: CompiledExpression
        let to: CompiledExpression
        let quantity: CompiledExpression?
        let label: CompiledTemplate
        let basis: any ProrationBasis
        let settings: BillingSettings
        let merges: Bool

        var resultType: ValueType { ChargeLine.listType }

        func evaluate(_ frame: Frame) throws(EvaluationError) -> Value {
            var lines: [ChargeLine] = []
            // Lines that do not merge are made in one allocation (a record block sized by
            // the item count).
            var block = RecordBlock(type: ChargeLine.recordType, capacity: 0)
            try each.forEach(frame, count: { count in
                lines.reserveCapacity(count)
                if !merges { block = RecordBlock(type: ChargeLine.recordType, capacity: count) }
            }) { item throws(EvaluationError) in
                guard case let .money(monthly) = try price.evaluate(frame),
                      case let .date(start) = try from.evaluate(frame), case let .date(end) = try to.evaluate(frame) else {
                    throw .init("eval.internal", "prorated-charge inputs", at: price.position)
                }
                guard start < end else { return }
                var count: Int64 = 1
                if case let .int(q)? = try quantity?.evaluate(frame) { count = q }
                // Merging keys lines by their label's `String`: made once, here, for them.
                let text = merges ? .string(try label.render(frame)) : try label.renderValue(frame)
                do throws(ArithmeticError) {
                    let interval = try Period(start: start, end: end)
                    let proration = try basis.prorate(interval)
                    if let trace = frame.trace {
                        trace.step("prepayable period", "\(interval), \(interval.days) days")
                        trace.step("fraction", "\(proration.explanation) of a month (basis \(basis.name))")
                    }
                    let unit = try Self.prorate(monthly, by: proration.fraction, settings: settings, trace: frame.trace)
                    let amount = try unit.multiplying(ExactDecimal(count))
                    let fraction = proration.fraction.description, items = SingleItem.value(of: item.map(SingleItem.list) ?? [])
                    lines.append(merges
                        ? ChargeLine(rule: id, labelField: text, quantity: count, unitPrice: unit, amount: amount,
                                     interval: interval, fraction: fraction, basis: basis.name, itemsField: items)
                        : ChargeLine(in: &block, rule: id, labelField: text, quantity: count, unitPrice: unit, amount: amount,
                                     interval: interval, fraction: fraction, basis: basis.name, itemsField: items))
                } catch {
                    throw EvaluationError(error, in: from)
                }
            }
            guard merges else { return .list(lines.map(\.value)) }
            do throws(ArithmeticError) {
                return .list(try LineMerger.merge(lines).map(\.value))
            } catch {
                throw EvaluationError(error, in: price)
            }
        }

        /// The monthly price times the fraction: exact and rounded once, or with the
        /// fraction first rounded to its declared precision.
        static func prorate(_ monthly: Money, by fraction: Fraction, settings: BillingSettings,
                            trace: TraceRecorder?) throws(ArithmeticError) -> Money {
            var factor = fraction
            if let scale = settings.fractionScale {
                let rounded = try fraction.decimal(scale: scale, rounding: settings.mode)
                trace?.rounding("fraction", from: fraction.description, to: rounded.description, mode: settings.mode, scale: scale)
                factor = try Fraction(rounded.significand, Self.power(rounded.scale))
            }
            switch settings.roundingPoint {
            case .line:
                let exact = try monthly.multiplying(factor, rounding: settings.mode)
                trace?.rounding("unit price", from: "\(monthly.formatted) × \(factor) = \(try monthly.amount.multiplying(factor, scale: 6, rounding: .down))…", to: exact.formatted,
                                mode: settings.mode, scale: monthly.currency.minorUnits)
                return exact
            case .invoice:
                let amount = try monthly.amount.multiplying(factor, scale: settings.precision, rounding: settings.mode)
                return Money(amount, monthly.currency)
            }
        }

        static func power(_ scale: Int) throws(ArithmeticError) -> Int64 {
            var result: Int64 = 1
            for _ in 0..<scale {
                let (next, overflow) = result.multipliedReportingOverflow(by: 10)
                if overflow { throw .overflow("10^\(scale)") }
                result = next
            }
            return result
        }
    }
}
