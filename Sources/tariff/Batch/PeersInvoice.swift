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
    static func write(_ invoice: Invoice, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"account_id":"#.utf8)
        JSONText.string(invoice.account, into: &out)
        out.append(contentsOf: #","currency":"#.utf8)
        JSONText.string(invoice.currency.code, into: &out)
        out.append(contentsOf: #","lines":["#.utf8)
        for (index, line) in invoice.lines.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            JSONText.string(line.label, into: &out)
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: String(line.quantity).utf8)
            out.append(UInt8(ascii: ","))
            JSONText.string(line.unitPrice.formatted, into: &out)
            out.append(UInt8(ascii: ","))
            JSONText.string(line.amount.formatted, into: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: #"],"subtotal":"#.utf8)
        JSONText.string(invoice.subtotal.formatted, into: &out)
        out.append(contentsOf: #","credits_applied":"#.utf8)
        JSONText.string(invoice.creditsApplied.formatted, into: &out)
        out.append(contentsOf: #","total":"#.utf8)
        JSONText.string(invoice.total.formatted, into: &out)
        out.append(contentsOf: #","violations":["#.utf8)
        for (index, violation) in invoice.violations.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"rule":"#.utf8)
            JSONText.string(violation.code, into: &out)
            for detail in violation.details {
                out.append(UInt8(ascii: ","))
                JSONText.string(detail.name, into: &out)
                out.append(UInt8(ascii: ":"))
                switch detail.type {
                case "int", "bool": out.append(contentsOf: detail.text.utf8)
                default: JSONText.string(detail.text, into: &out)
                }
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: "]}".utf8)
    }
}

/// JSON text straight into bytes, for the batch biller's output.
enum JSONText {
    /// Appends `text` as a JSON string (RFC 8259 escapes).
    static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
                case 0x0A: out.append(contentsOf: #"\n"#.utf8)
                case 0x0D: out.append(contentsOf: #"\r"#.utf8)
                case 0x09: out.append(contentsOf: #"\t"#.utf8)
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: #"\u00"#.utf8)
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                }
                start = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
