public import TariffCore

/// `kind: invoice`: assembles the lines of the listed charge rules, totals them, applies
/// credits (never below zero) and lists violations.
///
/// ```yaml
/// - id: invoice
///   kind: invoice
///   account: account.id
///   period: cycle
///   charges: [licenses, added_licenses, numbers, calls]
///   credits: [credits]
///   violations: [foreign_numbers]
/// ```
public struct InvoiceKind: RuleKind {
    public let name = "invoice"
    public let summary = "the invoice: lines of the listed charges, subtotal, credits applied, total"
    public let category = "invoice"
    public let fields = [
        RuleField("account", .expression, required: true, summary: "the account's id (String)"),
        RuleField("period", .expression, required: true, summary: "the Period invoiced"),
        RuleField("charges", .ruleList, required: true, summary: "charge rules whose lines are billed, in order"),
        RuleField("credits", .ruleList, summary: "credit rules whose amounts reduce the total"),
        RuleField("violations", .ruleList, summary: "violation rules listed on the invoice"),
    ]

    public static let recordType = RecordType.processLifetime(name: "invoice", fields: [
        .init(name: "account", type: .string),
        .init(name: "period", type: .period),
        .init(name: "lines", type: ChargeLine.listType),
        .init(name: "subtotal", type: .money),
        .init(name: "credits", type: .money),
        .init(name: "credits_applied", type: .money),
        .init(name: "total", type: .money),
        .init(name: "carryover", type: .money),
        .init(name: "violations", type: .list(.record(ViolationKind.recordType))),
        .init(name: "rounding", type: .string),
    ])

    public init() {}

    public func compile(_ rule: RuleCompilation) -> (any RuleProgram)? {
        let account = rule.expression("account", expecting: .string)
        let period = rule.expression("period", expecting: .period)
        func references(_ field: String, category: String, type: ValueType) -> [CompiledExpression]? {
            var compiled: [CompiledExpression] = []
            var ok = true
            for (id, node) in rule.ruleList(field) {
                guard let reference = rule.reference(id, at: node) else {
                    ok = false
                    continue
                }
                guard reference.type == type else {
                    rule.report(.error("type.mismatch", "'\(id)' is not a \(category) rule (its result is \(reference.type))",
                                       at: node.position, length: max(1, id.count),
                                       hint: "list it under the field matching its kind"))
                    ok = false
                    continue
                }
                compiled.append(reference)
            }
            return ok ? compiled : nil
        }
        let charges = references("charges", category: "charge", type: ChargeLine.listType)
        let credits = references("credits", category: "credit", type: .money)
        let violations = references("violations", category: "violation", type: .list(.record(ViolationKind.recordType)))
        guard let account, let period, let charges, let credits, let violations else { return nil }
        let settings = BillingSettings.read(rule)
        return Program(account: account, period: period, charges: charges, credits: credits, violations: violations,
                       currency: rule.settings.currency, settings: settings, rounding: .string(settings.roundingDescription))
    }

    struct Program: RuleProgram {
        let account: CompiledExpression
        let period: CompiledExpression
        let charges: [CompiledExpression]
        let credits: [CompiledExpression]
        let violations: [CompiledExpression]
        let currency: Currency
        let settings: BillingSettings
        /// ``BillingSettings/roundingDescription``, spelled once when the rule compiles:
        /// every invoice carries it.
        let rounding: Value

        var resultType: ValueType { .record(InvoiceKind.recordType) }

        func evaluate(_ frame: Frame) throws(EvaluationError) -> Value {
            let accountValue = try account.evaluate(frame)
            let periodValue = try period.evaluate(frame)
            // The charge rules' lists and the credits' amounts held on the stack while the
            // invoice is assembled (two arrays of them were two allocations an invoice).
            return try withUnsafeTemporaryAllocation(of: [Value].self, capacity: charges.count) { chargeLists throws(EvaluationError) in
                var listed = 0
                defer { _ = chargeLists.baseAddress.map { $0.deinitialize(count: listed) } }
                return try withUnsafeTemporaryAllocation(of: Money.self, capacity: credits.count) { creditAmounts throws(EvaluationError) in
                    var creditCount = 0
                    return try assemble(frame, account: accountValue, period: periodValue,
                                        chargeLists: chargeLists, listed: &listed, creditAmounts: creditAmounts, creditCount: &creditCount)
                }
            }
        }

        private func assemble(_ frame: Frame, account accountValue: Value, period periodValue: Value,
                              chargeLists: UnsafeMutableBufferPointer<[Value]>, listed: inout Int,
                              creditAmounts: UnsafeMutableBufferPointer<Money>, creditCount: inout Int) throws(EvaluationError) -> Value {
            var lineCount = 0
            // Expressions read in place through buffers: `for charge in charges` (or
            // `charges[i]`) copies each one out, a retain and a release per field.
            try charges.withUnsafeBufferPointer { charges throws(EvaluationError) in
                for charge in charges.indices {
                    if case let .list(values) = try charges[charge].evaluate(frame) {
                        lineCount += values.count
                        chargeLists.initializeElement(at: listed, to: values)
                        listed += 1
                    }
                }
            }
            try credits.withUnsafeBufferPointer { credits throws(EvaluationError) in
                for credit in credits.indices {
                    if case let .money(amount) = try credits[credit].evaluate(frame) {
                        creditAmounts.initializeElement(at: creditCount, to: amount)
                        creditCount += 1
                    }
                }
            }
            var found: [Value] = []
            try violations.withUnsafeBufferPointer { violations throws(EvaluationError) in
                for violation in violations.indices {
                    guard case let .list(values) = try violations[violation].evaluate(frame) else { continue }
                    // One violation rule (the usual case): its list as it is, not copied.
                    if found.isEmpty { found = values } else { found += values }
                }
            }
            var lines: [Value] = []
            lines.reserveCapacity(lineCount)
            var subtotal = Money.zero(currency)
            do throws(ArithmeticError) {
                // By index, fields read with a `switch` (in place): `for value in values` and
                // `case let .record(line)` each copied the line (retains and releases per line).
                for list in 0..<listed {
                    for index in chargeLists[list].indices {
                        let amount: Money
                        switch chargeLists[list][index] {
                        case let .record(line):
                            guard case .bool(true) = line[11], case let .money(money) = line[4] else { continue }
                            amount = money
                        default: continue
                        }
                        lines.append(chargeLists[list][index])
                        subtotal = try subtotal.adding(amount)
                    }
                }
                if settings.roundingPoint == .invoice {
                    let rounded = try subtotal.rounded(settings.mode)
                    frame.trace?.rounding("subtotal", from: subtotal.amount.description, to: rounded.formatted,
                                          mode: settings.mode, scale: currency.minorUnits)
                    subtotal = rounded
                }
                var available = Money.zero(currency)
                for credit in 0..<creditCount { available = try available.adding(creditAmounts[credit]) }
                let applied = try available.compare(subtotal) <= 0 ? available : subtotal
                let total = try subtotal.subtracting(applied)
                let carryover = try available.subtracting(applied)
                frame.trace?.step("total", "subtotal \(subtotal.formatted) − credits applied \(applied.formatted) = \(total.formatted)")
                return .record(Record(type: InvoiceKind.recordType, count: 10) { fields in
                    fields.append(accountValue)
                    fields.append(periodValue)
                    fields.append(.list(lines))
                    fields.append(.money(subtotal))
                    fields.append(.money(available))
                    fields.append(.money(applied))
                    fields.append(.money(total))
                    fields.append(.money(carryover))
                    fields.append(.list(found))
                    fields.append(rounding)
                })
            } catch {
                throw EvaluationError(error, in: account)
            }
        }
    }
}
