import TariffBilling
import TariffCore

/// An invoice as one self-contained HTML page: inline CSS, no script, no font or image
/// fetched, so it opens offline and prints as it shows. Each line carries its explanation.
struct InvoiceHTML {
    let invoice: Invoice
    let explanation: Explanation?
    /// The date the invoice was computed as of.
    let asOf: CivilDate
    /// Where the rules were read from, named in the footer.
    let rules: String

    func render() -> String {
        let code = invoice.currency.code
        var rows = ""
        for line in invoice.lines {
            rows += """
                  <tr class="line">
                    <td class="qty">\(line.quantity)</td>
                    <td class="label">\(escape(line.label))\(line.interval.map { "<span class=\"when\">\(escape(Self.words($0)))</span>" } ?? "")</td>
                    <td class="num">\(Amounts.grouped(line.unitPrice))</td>
                    <td class="num">\(Amounts.grouped(line.amount))</td>
                  </tr>

            """
            if let explanation {
                let items = explanation.lines(for: line).map { "<li>\(escape($0))</li>" }.joined()
                rows += """
                      <tr class="why"><td></td><td colspan="3"><ul>\(items)</ul></td></tr>

                """
            }
        }
        var notes = ""
        if !invoice.credits.isZero {
            notes += """
                <p class="note">Credit balance \(Amounts.grouped(invoice.credits)) \(code): \(Amounts.grouped(invoice.creditsApplied)) \
            applied to this invoice, \(Amounts.grouped(invoice.carryover)) carried over to the next.</p>

            """
        }
        if !invoice.violations.isEmpty {
            let items = invoice.violations.map { "<li><strong>\(escape($0.code))</strong>: \(escape($0.message))</li>" }.joined()
            notes += """
                <section class="violations"><h2>To look at</h2><ul>\(items)</ul></section>

            """
        }
        let credits = (invoice.creditsApplied.isZero ? "" : "−") + Amounts.grouped(invoice.creditsApplied)
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Invoice \(escape(invoice.account)) · \(escape(Self.words(invoice.period)))</title>
        <style>
        \(Self.style)
        </style>
        </head>
        <body>
        <main>
          <header>
            <div>
              <h1>Invoice</h1>
              <p class="account">Account <strong>\(escape(invoice.account))</strong></p>
            </div>
            <dl>
              <dt>Period</dt><dd>\(escape(Self.words(invoice.period)))</dd>
              <dt>As of</dt><dd>\(escape(Self.words(asOf)))</dd>
              <dt>Currency</dt><dd>\(escape(code))</dd>
            </dl>
          </header>
          <table>
            <thead><tr><th class="qty">Qty</th><th>Description</th><th class="num">Unit price</th><th class="num">Amount</th></tr></thead>
            <tbody>
        \(rows)    </tbody>
            <tfoot>
              <tr><td></td><th>Subtotal</th><td></td><td class="num">\(Amounts.grouped(invoice.subtotal))</td></tr>
              <tr><td></td><th>Credits applied</th><td></td><td class="num">\(credits)</td></tr>
              <tr class="total"><td></td><th>Total</th><td class="num">\(escape(code))</td><td class="num" id="total">\(Amounts.grouped(invoice.total))</td></tr>
            </tfoot>
          </table>
        \(notes)  <footer>Amounts rounded \(escape(invoice.rounding)). Computed by Tariff from the rules in \(escape(rules.hasSuffix("/") ? rules : rules + "/")).</footer>
        </main>
        </body>
        </html>

        """
    }

    static let style = """
    :root { color-scheme: light; --ink: #1d2330; --muted: #5d6677; --line: #e3e6ec; --accent: #2f5bd3; }
    * { box-sizing: border-box; }
    body { margin: 0; background: #f3f4f7; color: var(--ink);
           font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
    main { max-width: 900px; margin: 32px auto; background: #fff; padding: 40px 48px;
           border-radius: 10px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
    header { display: flex; justify-content: space-between; align-items: flex-start;
             border-bottom: 3px solid var(--accent); padding-bottom: 16px; margin-bottom: 24px; }
    h1 { margin: 0 0 4px; font-size: 28px; letter-spacing: .5px; }
    .account { margin: 0; color: var(--muted); }
    dl { display: grid; grid-template-columns: auto auto; gap: 2px 16px; margin: 0; font-size: 14px; }
    dt { color: var(--muted); text-align: right; }
    dd { margin: 0; font-weight: 600; }
    table { width: 100%; border-collapse: collapse; }
    th, td { padding: 8px 6px; vertical-align: top; text-align: left; }
    thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .6px; color: var(--muted);
               border-bottom: 1px solid var(--line); }
    .qty { width: 48px; text-align: right; padding-right: 14px; }
    .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
    tr.line td { border-top: 1px solid var(--line); font-weight: 500; }
    .when { display: block; font-weight: 400; font-size: 13px; color: var(--muted); }
    tr.why td { padding-top: 0; }
    tr.why ul { margin: 0 0 6px; padding-left: 18px; font-size: 12.5px; color: var(--muted); }
    tr.why li { margin: 1px 0; }
    tfoot th { text-align: right; font-weight: 500; color: var(--muted); }
    tfoot tr:first-child td, tfoot tr:first-child th { border-top: 2px solid var(--ink); }
    tr.total th, tr.total td { font-size: 20px; font-weight: 700; color: var(--ink); border-top: 1px solid var(--line); }
    .note { margin: 20px 0 0; padding: 10px 14px; background: #eef3ff; border-radius: 6px; font-size: 14px; }
    .violations { margin-top: 20px; padding: 10px 14px; background: #fff4e5; border-left: 4px solid #e08a00; border-radius: 6px; }
    .violations h2 { margin: 0 0 4px; font-size: 14px; }
    .violations ul { margin: 0; padding-left: 18px; font-size: 13.5px; }
    footer { margin-top: 28px; font-size: 12px; color: var(--muted); }
    @media print { body { background: #fff; } main { box-shadow: none; margin: 0; max-width: none; } }
    """

    // MARK: Words

    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                 "October", "November", "December"]

    /// `1 May 2026`.
    static func words(_ date: CivilDate) -> String { "\(date.day) \(months[date.month - 1]) \(date.year)" }

    /// `1 May 2026 – 31 May 2026`: the last day, not the exclusive end.
    static func words(_ period: Period) -> String {
        guard let last = try? period.end.adding(days: -1), period.start < period.end else { return period.description }
        return last == period.start ? words(period.start) : "\(words(period.start)) – \(words(last))"
    }

    private func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
