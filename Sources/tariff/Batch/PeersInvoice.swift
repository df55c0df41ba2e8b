import TariffBilling
import TariffCore

/// The peers' canonical invoice (`../shared/peers`, `Peer.canonical`): one JSON object with
/// lines as `[description, quantity, unit price, amount]` and violations as their code plus
/// their `details`.
///
/// ```json
/// {"account_id":"small-000000","currency":"EUR",
///  "lines":[["ADVANCED license",5,"64.00","320.00"]],
///  "subtotal":"320.00","credits_applied":"31.00","total":"289.00",
///  "violations":[{"rule":"FOREIGN_NUMBER_WITHOUT_VERIFIED_ADDRESS","e164":"+4420…","country":"GB"}]}
/// ```
enum PeersInvoice {
    /// Appends the invoice as one line of JSON (no trailing newline).
    ///
    /// - Complexity: O(*n*) in the invoice's text; lines and violations are read in place,
    ///   not copied.
    static func write(_ invoice: Invoice, into out: inout [UInt8]) {
        JSONText.write(into: &out) { json in
            json.raw(#"{"account_id":"#)
            json.string(invoice.account)
            json.raw(#","currency":"#)
            json.string(invoice.currency.code)
            json.raw(#","lines":["#)
            // Each line taken once: `lines[index].label`, `lines[index].quantity`, … would copy
            // the line (retain its record) per field, and retaining is what threads contend on.
            var first = true
            invoice.forEachLine { line in
                json.raw(first ? "[" : ",[")
                first = false
                json.text(line.record, at: 1)
                json.byte(UInt8(ascii: ","))
                json.integer(line.quantity)
                json.byte(UInt8(ascii: ","))
                json.money(line.unitPrice)
                json.byte(UInt8(ascii: ","))
                json.money(line.amount)
                json.byte(UInt8(ascii: "]"))
            }
            json.raw(#"],"subtotal":"#)
            json.money(invoice.subtotal)
            json.raw(#","credits_applied":"#)
            json.money(invoice.creditsApplied)
            json.raw(#","total":"#)
            json.money(invoice.total)
            json.raw(#","violations":["#)
            first = true
            invoice.forEachViolation { violation in
                json.raw(first ? #"{"rule":"# : #",{"rule":"#)
                first = false
                json.string(violation.code)
                violation.forEachDetail(values: { name, value in
                    json.byte(UInt8(ascii: ","))
                    json.string(name)
                    json.byte(UInt8(ascii: ":"))
                    json.detail(value)
                })
                json.byte(UInt8(ascii: "}"))
            }
            json.raw("]}")
        }
    }
}
