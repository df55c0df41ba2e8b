import TariffBilling
import TariffCore

/// DESIGN.md's JSON contract for an invoice on one line, written straight into bytes: the
/// same bytes as `JSONWriter.render(invoice.json)` (a test holds them equal), without the
/// tree of items and the String per account that `tariff bill --format json` would
/// otherwise build.
enum ContractInvoice {
    /// Appends the invoice as one line of JSON (no trailing newline).
    static func write(_ invoice: Invoice, into out: inout [UInt8]) {
        JSONText.write(into: &out) { json in
            json.raw(#"{"account":"#)
            json.string(invoice.account)
            json.raw(#","currency":"#)
            json.string(invoice.currency.code)
            json.raw(#","period":"#)
            period(invoice.period, &json)
            json.raw(#","lines":["#)
            var first = true
            invoice.forEachLine { line in
                if !first { json.byte(UInt8(ascii: ",")) }
                first = false
                write(line, &json)
            }
            json.raw(#"],"subtotal":"#)
            json.money(invoice.subtotal)
            json.raw(#","credits":"#)
            json.money(invoice.creditsApplied)
            json.raw(#","credits_available":"#)
            json.money(invoice.credits)
            json.raw(#","credits_carried_over":"#)
            json.money(invoice.carryover)
            json.raw(#","total":"#)
            json.money(invoice.total)
            json.raw(#","rounding":"#)
            json.string(invoice.rounding)
            json.raw(#","violations":["#)
            first = true
            invoice.forEachViolation { violation in
                if !first { json.byte(UInt8(ascii: ",")) }
                first = false
                json.raw(#"{"policy":"#)
                json.string(violation.rule)
                json.raw(#","code":"#)
                json.string(violation.code)
                json.raw(#","message":"#)
                json.text(violation.record, at: 2)
                var none = true
                violation.forEachDetail(values: { name, value in
                    json.raw(none ? #","details":{"# : ",")
                    none = false
                    json.string(name)
                    json.byte(UInt8(ascii: ":"))
                    json.detail(value)
                })
                if !none { json.byte(UInt8(ascii: "}")) }
                json.byte(UInt8(ascii: "}"))
            }
            json.raw("]}")
        }
    }

    /// A line as `ChargeLine.json` has it: the common fields, then those the line has.
    private static func write(_ line: ChargeLine, _ json: inout JSONText) {
        json.raw(#"{"rule":"#)
        json.string(line.rule)
        json.raw(#","label":"#)
        json.text(line.record, at: 1)
        json.raw(#","quantity":"#)
        json.integer(line.quantity)
        json.raw(#","unit_price":"#)
        json.money(line.unitPrice)
        json.raw(#","amount":"#)
        json.money(line.amount)
        if let interval = line.interval {
            json.raw(#","interval":"#)
            period(interval, &json)
        }
        if let fraction = line.fraction {
            json.raw(#","fraction":"#)
            json.string(fraction)
        }
        if let basis = line.basis {
            json.raw(#","basis":"#)
            json.string(basis)
        }
        if let date = line.date {
            json.raw(#","date":"#)
            json.string(date.description)
        }
        if let team = line.team {
            json.raw(#","team":"#)
            json.string(team)
        }
        if let user = line.user {
            json.raw(#","user":"#)
            json.string(user)
        }
        if !line.billed { json.raw(#","billed":false"#) }
        json.byte(UInt8(ascii: "}"))
    }

    private static func period(_ period: Period, _ json: inout JSONText) {
        json.raw(#"{"start":"#)
        json.string(period.start.description)
        json.raw(#","end":"#)
        json.string(period.end.description)
        json.byte(UInt8(ascii: "}"))
    }
}
