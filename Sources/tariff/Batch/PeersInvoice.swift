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
            JSONText.integer(line.quantity, into: &out)
            out.append(UInt8(ascii: ","))
            JSONText.money(line.unitPrice, into: &out)
            out.append(UInt8(ascii: ","))
            JSONText.money(line.amount, into: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: #"],"subtotal":"#.utf8)
        JSONText.money(invoice.subtotal, into: &out)
        out.append(contentsOf: #","credits_applied":"#.utf8)
        JSONText.money(invoice.creditsApplied, into: &out)
        out.append(contentsOf: #","total":"#.utf8)
        JSONText.money(invoice.total, into: &out)
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
    /// Appends money as a JSON string, as ``Money/formatted`` spells it; at the currency's
    /// own scale (the usual case) without making a String.
    static func money(_ money: Money, into out: inout [UInt8]) {
        let scale = money.amount.scale
        guard scale == money.currency.minorUnits, scale > 0 else {
            string(money.formatted, into: &out)
            return
        }
        out.append(UInt8(ascii: "\""))
        let significand = money.amount.significand
        if significand < 0 { out.append(UInt8(ascii: "-")) }
        digits(significand.magnitude, minimum: scale + 1, point: scale, into: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends an integer in plain notation.
    static func integer(_ value: Int64, into out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        digits(value.magnitude, minimum: 1, point: 0, into: &out)
    }

    /// The decimal digits of `value`, at least `minimum` of them, with a point before the
    /// last `point` digits.
    private static func digits(_ value: UInt64, minimum: Int, point: Int, into out: inout [UInt8]) {
        var reversed: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: room for 20 digits
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &reversed) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 || count < minimum
            for index in stride(from: count - 1, through: 0, by: -1) {
                if index == point - 1, point > 0 { out.append(UInt8(ascii: ".")) }
                out.append(buffer[index])
            }
        }
    }

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
