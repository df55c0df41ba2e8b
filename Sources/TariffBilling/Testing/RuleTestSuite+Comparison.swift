import TariffCore

/// Compares what the rules gave with what a case expects, field by field. Amounts compare
/// as numbers (`640` equals `640.00`) and carry their difference.
enum Comparison {
    static func invoice(_ invoice: Invoice, _ expected: InvoiceExpectation) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        let currency = invoice.currency
        if let period = expected.period, period.value != invoice.period {
            mismatches.append(Mismatch(subject: nil, field: "period", expected: text(period.value), actual: text(invoice.period),
                                       position: period.position))
        }
        if let lines = expected.lines {
            mismatches += Self.lines(invoice.lines, lines, currency: currency)
        }
        let amounts: [(String, Expected<ExactDecimal>?, Money)] = [
            ("subtotal", expected.subtotal, invoice.subtotal),
            ("credits", expected.credits, invoice.creditsApplied),
            ("credits carried over", expected.creditsCarriedOver, invoice.carryover),
            ("total", expected.total, invoice.total),
        ]
        for (field, expectedAmount, actual) in amounts {
            if let expectedAmount, let mismatch = amount(field, expectedAmount, actual, subject: nil) { mismatches.append(mismatch) }
        }
        if let violations = expected.violations {
            mismatches += Self.violations(invoice.violations, violations)
        }
        return mismatches
    }

    static func decision(_ decision: Decision, _ expected: DecisionExpectation) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        if let allowed = expected.allowed, allowed.value != decision.allowed {
            mismatches.append(Mismatch(subject: nil, field: "allowed", expected: allowed.value ? "allowed" : "denied",
                                       actual: decision.allowed ? "allowed" : "denied", position: allowed.position))
        }
        let texts: [(String, Expected<String>?, String)] = [
            ("policy", expected.policy, decision.policy), ("code", expected.code, decision.code),
            ("message", expected.message, decision.message),
        ]
        for (field, expectedText, actual) in texts {
            if let expectedText, expectedText.value != actual {
                mismatches.append(Mismatch(subject: nil, field: field, expected: expectedText.value, actual: actual,
                                           position: expectedText.position))
            }
        }
        mismatches += namedValues(decision.outcome, expected.outcome, subject: "outcome")
        return mismatches
    }

    static func quote(_ quote: Quote, _ expected: QuoteExpectation, currency: Currency) -> [Mismatch] {
        var mismatches = namedValues(quote.values, expected.values, subject: nil)
        if let prorated = expected.prorated {
            if let line = quote.prorated {
                mismatches += Self.line(line, prorated, subject: "prorated")
            } else {
                mismatches.append(Mismatch(subject: nil, field: "prorated", expected: describe(prorated, currency: currency),
                                           actual: "none", position: prorated.position))
            }
        }
        return mismatches
    }

    // MARK: Lines

    /// Pairs each expected line with the first line of the same label (and rule, when
    /// given) not yet paired; lines the case does not name are unexpected.
    static func lines(_ actual: [ChargeLine], _ expected: [ExpectedLine], currency: Currency) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        var paired = [Bool](repeating: false, count: actual.count)
        for (index, line) in expected.enumerated() {
            let match = actual.indices.first { candidate in
                !paired[candidate]
                    && (line.label == nil || line.label?.value == actual[candidate].label)
                    && (line.rule == nil || line.rule?.value == actual[candidate].rule)
            }
            let subject = "line " + (line.label.map { "'\($0.value)'" } ?? line.rule.map { "of rule '\($0.value)'" } ?? "\(index + 1)")
            guard let match else {
                mismatches.append(Mismatch(subject: subject, field: "line", expected: describe(line, currency: currency),
                                           actual: "no such line",
                                           difference: line.amount.map { signed(Money($0.value, currency), negate: true) },
                                           position: line.position))
                continue
            }
            paired[match] = true
            mismatches += self.line(actual[match], line, subject: subject)
        }
        for (index, line) in actual.enumerated() where !paired[index] {
            mismatches.append(Mismatch(subject: "line '\(line.label)'", field: "line", expected: "no such line",
                                       actual: describe(line), difference: signed(line.amount, negate: false)))
        }
        return mismatches
    }

    static func line(_ actual: ChargeLine, _ expected: ExpectedLine, subject: String) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        func compareText(_ field: String, _ expectedText: Expected<String>?, _ actualText: String?) {
            guard let expectedText, expectedText.value != actualText else { return }
            mismatches.append(Mismatch(subject: subject, field: field, expected: expectedText.value, actual: actualText ?? "none",
                                       position: expectedText.position))
        }
        compareText("rule", expected.rule, actual.rule)
        compareText("label", expected.label, actual.label)
        if let quantity = expected.quantity, quantity.value != actual.quantity {
            mismatches.append(Mismatch(subject: subject, field: "quantity", expected: String(quantity.value),
                                       actual: String(actual.quantity), difference: signedInt(actual.quantity - quantity.value),
                                       position: quantity.position))
        }
        if let unit = expected.unitPrice, let mismatch = amount("unit price", unit, actual.unitPrice, subject: subject) {
            mismatches.append(mismatch)
        }
        if let amount = expected.amount, let mismatch = self.amount("amount", amount, actual.amount, subject: subject) {
            mismatches.append(mismatch)
        }
        if let interval = expected.interval, interval.value != actual.interval {
            mismatches.append(Mismatch(subject: subject, field: "interval", expected: text(interval.value),
                                       actual: actual.interval.map(text) ?? "none", position: interval.position))
        }
        if let fraction = expected.fraction, !sameFraction(fraction.value, actual.fraction) {
            mismatches.append(Mismatch(subject: subject, field: "fraction", expected: fraction.value, actual: actual.fraction ?? "none",
                                       position: fraction.position))
        }
        compareText("basis", expected.basis, actual.basis)
        return mismatches
    }

    // MARK: Violations

    static func violations(_ actual: [Invoice.Violation], _ expected: [ExpectedViolation]) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        var paired = [Bool](repeating: false, count: actual.count)
        for violation in expected {
            let match = actual.indices.first { candidate in
                !paired[candidate] && actual[candidate].code == violation.code.value
                    && (violation.rule == nil || violation.rule?.value == actual[candidate].rule)
            }
            let subject = "violation \(violation.code.value)"
            guard let match else {
                mismatches.append(Mismatch(subject: subject, field: "violation", expected: violation.message?.value ?? violation.code.value,
                                           actual: "no such violation", position: violation.position))
                continue
            }
            paired[match] = true
            if let message = violation.message, message.value != actual[match].message {
                mismatches.append(Mismatch(subject: subject, field: "message", expected: message.value, actual: actual[match].message,
                                           position: message.position))
            }
        }
        for (index, violation) in actual.enumerated() where !paired[index] {
            mismatches.append(Mismatch(subject: "violation \(violation.code)", field: "violation", expected: "no such violation",
                                       actual: violation.message))
        }
        return mismatches
    }

    // MARK: Values

    /// Compares the named values a case gives with those the rules showed; values the
    /// case does not name are not compared.
    static func namedValues(_ actual: [OutcomeValue], _ expected: [ExpectedNamedValue], subject: String?) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        for named in expected {
            guard let value = actual.first(where: { $0.name == named.name }) else {
                mismatches.append(Mismatch(subject: subject, field: named.name, expected: named.value.value, actual: "no such value",
                                           position: named.value.position))
                continue
            }
            switch value.type {
            case "money", "decimal", "int":
                let expectedNumber = try? ExactDecimal(parsing: plainNumber(named.value.value))
                guard let actualNumber = try? ExactDecimal(parsing: value.text), let expectedNumber else {
                    if named.value.value != value.text {
                        mismatches.append(Mismatch(subject: subject, field: named.name, expected: named.value.value, actual: value.text,
                                                   position: named.value.position))
                    }
                    continue
                }
                if expectedNumber != actualNumber {
                    let difference = try? actualNumber.subtracting(expectedNumber)
                    mismatches.append(Mismatch(subject: subject, field: named.name, expected: named.value.value, actual: value.text,
                                               difference: difference.map { ($0.isNegative ? "" : "+") + $0.description },
                                               position: named.value.position))
                }
            case "period":
                let parts = named.value.value.split(separator: "/")
                let written = parts.count == 2 ? "[\(parts[0]), \(parts[1]))" : named.value.value
                if written != value.text {
                    mismatches.append(Mismatch(subject: subject, field: named.name, expected: named.value.value, actual: value.text,
                                               position: named.value.position))
                }
            default:
                if named.value.value != value.text {
                    mismatches.append(Mismatch(subject: subject, field: named.name, expected: named.value.value, actual: value.text,
                                               position: named.value.position))
                }
            }
        }
        return mismatches
    }

    // MARK: Helpers

    private static func amount(_ field: String, _ expected: Expected<ExactDecimal>, _ actual: Money, subject: String?) -> Mismatch? {
        guard expected.value != actual.amount else { return nil }
        let written = Money(expected.value, actual.currency)
        let difference = (try? actual.subtracting(written)).map { signed($0, negate: false) }
        return Mismatch(subject: subject, field: field, expected: written.formatted, actual: actual.formatted,
                        difference: difference, position: expected.position)
    }

    /// `+20.00`, `-2.00`.
    private static func signed(_ money: Money, negate: Bool) -> String {
        let value = negate ? ((try? money.negated()) ?? money) : money
        return (value.isNegative ? "" : "+") + value.formatted
    }

    private static func signedInt(_ value: Int64) -> String { (value < 0 ? "" : "+") + String(value) }

    private static func plainNumber(_ text: String) -> String {
        var digits = Substring(text)
        if let space = digits.lastIndex(of: " "), digits[digits.index(after: space)...].allSatisfy(\.isLetter) {
            digits = digits[..<space]
        }
        return String(digits.filter { $0 != "," })
    }

    /// `22/30` and `11/15` are the same fraction.
    private static func sameFraction(_ expected: String, _ actual: String?) -> Bool {
        guard let actual else { return false }
        if expected == actual { return true }
        func parts(_ text: String) -> (Int64, Int64)? {
            let pieces = text.split(separator: "/")
            guard let numerator = pieces.first.flatMap({ Int64($0.filter { $0 != " " }) }) else { return nil }
            if pieces.count == 1 { return (numerator, 1) }
            guard pieces.count == 2, let denominator = Int64(pieces[1].filter { $0 != " " }), denominator != 0 else { return nil }
            return (numerator, denominator)
        }
        guard let (a, b) = parts(expected), let (c, d) = parts(actual) else { return false }
        let (left, leftOverflow) = a.multipliedReportingOverflow(by: d)
        let (right, rightOverflow) = c.multipliedReportingOverflow(by: b)
        return !leftOverflow && !rightOverflow && left == right
    }

    static func text(_ period: Period) -> String { "\(period.start)/\(period.end)" }

    /// `10 × 64.00 = 640.00`.
    static func describe(_ line: ChargeLine) -> String {
        "\(line.quantity) × \(line.unitPrice.formatted) = \(line.amount.formatted)"
    }

    static func describe(_ line: ExpectedLine, currency: Currency) -> String {
        let quantity = line.quantity.map { String($0.value) }
        let unit = line.unitPrice.map { Money($0.value, currency).formatted }
        let amount = line.amount.map { Money($0.value, currency).formatted }
        switch (quantity, unit, amount) {
        case let (q?, u?, a?): return "\(q) × \(u) = \(a)"
        case let (q, u, a?): return [q, u].compactMap { $0 }.joined(separator: " × ") + (q == nil && u == nil ? a : " = \(a)")
        default: return [quantity.map { "quantity \($0)" }, unit.map { "unit price \($0)" }].compactMap { $0 }.joined(separator: ", ")
                .nonEmpty ?? "a line"
        }
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
