import TariffBilling
import TariffCore
import TariffYAML
import Testing

/// A line's label renders each hole as a person reads it (dates `YYYY-MM-DD`, integers in
/// plain digits with their sign, text bare, money at its currency's scale) between literal
/// runs of any length, exactly as Swift's own descriptions spell those values.
@Suite("label templates")
struct LabelTemplateTests {
    static func rules(literal: String) -> String {
        """
        tariff: 1
        currency: EUR
        rounding: { mode: half-up, scale: 2, per: line }
        input:
          id: string
          period: { start: date, end: date }
          items: [ { d: date, i: int, s: string, m: money } ]
        tables:
          unit: { type: money, rows: { one: 1.00 } }
        rules:
          - id: days
            kind: value
            value: days_between(period.start, period.end)
          - id: lines
            kind: recurring-charge
            each: items
            price: unit.one
            label: "{id} {period.start} {days}\(literal){item.d}\(literal){item.i}\(literal){item.s}\(literal){item.m}\(literal)"
            merge: never
          - id: invoice
            kind: invoice
            account: id
            period: period(period.start, period.end)
            charges: [lines]

        """
    }

    struct Item {
        let date: CivilDate
        let int: Int64
        let text: String
        let money: String
    }

    static let items: [Item] = {
        func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { try! CivilDate(year: y, month: m, day: d) }
        return [
            Item(date: date(2024, 2, 5), int: 0, text: "FR", money: "64.00"),
            Item(date: date(1, 1, 1), int: 7, text: "", money: "0.00"),
            Item(date: date(9999, 12, 31), int: -42, text: "Zürich-über-alles, a long one", money: "-5.50"),
            Item(date: date(2000, 10, 10), int: 1_234_567_890_123, text: "ADVANCED", money: "1234567.89"),
            Item(date: date(1970, 1, 9), int: Int64.min, text: "a \"quoted\" text", money: "0.01"),
            Item(date: date(2026, 11, 28), int: Int64.max, text: "東京", money: "100"),
            Item(date: date(2026, 1, 31), int: 15, text: "fifteen-bytes-x", money: "15.00"),
            Item(date: date(2026, 3, 1), int: 16, text: "sixteen-bytes-xx", money: "16.00"),
        ]
    }()

    /// Literal runs of every length the renderer copies differently: under 4 bytes, 4 to 7,
    /// 8 to 16 and longer.
    @Test(arguments: ["", "-", "abc", "abcd", "abcdefg", "abcdefgh", "fifteen bytes!!", "sixteen bytes!!!", "seventeen bytes!!",
                      " license added on the day of the prepayable period "])
    func holesAndLiteralsRenderAsSwiftSpellsThem(literal: String) throws {
        let document = try DocumentReader.read(bytes: Array(Self.rules(literal: literal).utf8), file: "labels.yaml").get()
        let engine = try BillingEngine.compile([document]).get()
        let items = Self.items.map { item in
            "{ d: \(item.date), i: \(item.int), s: \"\(item.text.replacingQuotes())\", m: \"\(item.money)\" }"
        }
        let yaml = "id: acct\nperiod: { start: 2026-11-01, end: 2026-12-01 }\nitems: [\(items.joined(separator: ", "))]\n"
        let snapshot = try engine.decoder.decode(try DocumentReader.read(bytes: Array(yaml.utf8), file: "s.yaml").get()).get()
        let asOf = try CivilDate(year: 2026, month: 11, day: 1)
        for trace in [false, true] {
            let preview = try engine.preview(snapshot, asOf: asOf, trace: trace).get()
            let expected = try Self.items.map { item in
                let money = Money(try ExactDecimal(parsing: item.money), .eur).formatted
                // Holes at every kind of place: a snapshot field, a field of a snapshot
                // record, a rule's result, then the item's fields.
                return "acct 2026-11-01 30" + [item.date.description, String(item.int), item.text, money].map { literal + $0 }.joined() + literal
            }
            #expect(preview.invoice.lines.map(\.label) == expected, "literal '\(literal)', trace \(trace)")
        }
    }
}

private extension String {
    func replacingQuotes() -> String {
        var out = ""
        for character in self { out += character == "\"" ? "\\\"" : String(character) }
        return out
    }
}
