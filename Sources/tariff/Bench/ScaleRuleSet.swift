/// A generated rule set for `tariff bench --scale`: `rules` rules and a table of `rows`
/// rows, as YAML text, shaped like real ones: chains of value rules adding table rows (read
/// by literal key and by a key from the snapshot), charges over a list, and an invoice.
enum ScaleRuleSet {
    static func yaml(rules: Int, rows: Int) -> String {
        var text = """
        tariff: 1
        currency: EUR
        rounding: { mode: half-up, scale: 2, per: line }
        input:
          id: string
          key: string
          items:
            - sku: string
              count: int
        tables:
          price:
            type: money
            rows:

        """
        for row in 0..<rows { text += "      k\(row): \(row / 100).\(String(row % 100).leftPadded(2))\n" }
        text += "rules:\n"
        let charges = min(10, max(1, rules / 1000))
        let fallback = "k\(min(1, rows - 1))"   // a second row when there is one
        let values = max(1, rules - charges - 1)
        for index in 0..<values {
            let key = "k\(index % rows)"
            // Chains of 100: each rule reads the one before it, a row by literal key and a row by the snapshot's key.
            if index % 100 == 0 {
                text += "  - id: v\(index)\n    kind: value\n    value: price.\(key)\n"
            } else {
                text += "  - id: v\(index)\n    kind: value\n    value: v\(index - 1) + price.\(key) + (price[key] ?? price.k0)\n"
            }
        }
        for charge in 0..<charges {
            text += """
              - id: c\(charge)
                kind: recurring-charge
                each: items.filter(i, i.count > \(charge))
                price: (price[item.sku] ?? price.\(fallback)) + v\((charge * 100 + 99) % values)
                quantity: item.count
                label: "item {item.sku} (\(charge))"

            """
        }
        text += "  - id: invoice\n    kind: invoice\n    account: id\n    period: period(date(\"2026-01-01\"), date(\"2026-02-01\"))\n"
        text += "    charges: [" + (0..<charges).map { "c\($0)" }.joined(separator: ", ") + "]\n"
        return text
    }

    /// A snapshot for the generated rules, as JSON.
    static func snapshot(rows: Int, items: Int) -> String {
        let list = (0..<items).map { #"{"sku":"k\#(($0 * 7919) % rows)","count":\#($0 % 5)}"# }.joined(separator: ",")
        return #"{"id":"scale-1","key":"k\#(rows / 2)","items":[\#(list)]}"#
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
