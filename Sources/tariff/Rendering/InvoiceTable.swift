import TariffBilling
import TariffCore

/// An invoice as a readable table: quantities, labels, unit prices and amounts, then the
/// subtotal, credits and total.
struct InvoiceTable {
    let invoice: Invoice

    func render(explanation: Explanation?) -> String {
        let code = invoice.currency.code
        var out = "Invoice \(invoice.account) · \(invoice.period.start) to \(invoice.period.end) (exclusive) · \(code)\n\n"
        let labelWidth = max(44, (invoice.lines.map(\.label.count).max() ?? 0))
        out += "  " + pad("Qty", 5, right: true) + "  " + pad("Description", labelWidth) + "  "
            + pad("Unit", 10, right: true) + "  " + pad("Amount", 12, right: true) + "\n"
        for line in invoice.lines {
            out += "  " + pad(String(line.quantity), 5, right: true) + "  " + pad(line.label, labelWidth) + "  "
                + pad(Amounts.grouped(line.unitPrice), 10, right: true) + "  " + pad(Amounts.grouped(line.amount), 12, right: true) + "\n"
            if let explanation {
                for text in explanation.lines(for: line) { out += "         " + text + "\n" }
                out += "\n"
            }
        }
        let width = 5 + 2 + labelWidth + 2 + 10
        out += "\n"
        out += "  " + pad("Subtotal", width, right: true) + "  " + pad(Amounts.grouped(invoice.subtotal), 12, right: true) + "\n"
        out += "  " + pad("Credits applied", width, right: true) + "  "
            + pad((invoice.creditsApplied.isZero ? "" : "-") + Amounts.grouped(invoice.creditsApplied), 12, right: true) + "\n"
        out += "  " + pad("Total", width, right: true) + "  " + pad(Amounts.grouped(invoice.total), 12, right: true) + " \(code)\n"
        if !invoice.credits.isZero {
            out += "\n  Credit balance \(Amounts.grouped(invoice.credits)) \(code): \(Amounts.grouped(invoice.creditsApplied)) applied, "
                + "\(Amounts.grouped(invoice.carryover)) carried over to the next invoice.\n"
        }
        if !invoice.violations.isEmpty {
            out += "\n  Violations:\n"
            for violation in invoice.violations {
                out += "  ! \(violation.code): \(violation.message)\n"
            }
        }
        if explanation != nil {
            out += "\n  Rounding: \(invoice.rounding).\n"
        }
        return out
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let count = text.count
        guard count < width else { return text }
        let padding = String(repeating: " ", count: width - count)
        return right ? padding + text : text + padding
    }
}

/// Amounts as people read them: thousands grouped with commas.
enum Amounts {
    static func grouped(_ money: Money) -> String { grouped(money.formatted) }

    /// Groups the whole part of a plain decimal (`1088.00` → `1,088.00`).
    static func grouped(_ plain: String) -> String {
        var sign = ""
        var digits = Substring(plain)
        if digits.first == "-" {
            sign = "-"
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = Array(parts[0])
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return sign + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }
}
