import TariffBilling
import TariffCore
import TariffYAML

/// Rule sets over seats added during November 2026, for tests of how expressions run in
/// loops (``LoopInvariantTests``, ``SelectedItemsTests``): the input and tables every such
/// set starts with, four seats, and a snapshot of them for a plan.
enum SeatRules {
    /// The preamble: input, a `price` and a `minimum` table by plan, and `days`, the
    /// period's length; the test's rules follow.
    static let header = """
        tariff: 1
        currency: EUR
        rounding: { mode: half-up, scale: 2, per: line }
        input:
          id: string
          plan: string
          period: { start: date, end: date }
          seats: [ { added: date, size: int } ]
        tables:
          price: { type: money, rows: { BASIC: 10.00, PRO: 30.00 } }
          minimum: { type: int, rows: { BASIC: 2, PRO: 5 } }
        rules:
          - id: days
            kind: value
            value: days_between(period.start, period.end)

        """

    static let seats: [(added: String, size: Int)] = [("2026-11-01", 1), ("2026-11-07", 6), ("2026-11-16", 2), ("2026-11-30", 9)]

    static let asOf = try! CivilDate(year: 2026, month: 11, day: 1)

    /// The rules compiled with the billing plugins and `function`, a test's own.
    static func engine(_ rules: String, with function: any ExpressionFunction) throws -> BillingEngine {
        var registry = BillingPlugins.registry
        registry.register(function)
        let document = try DocumentReader.read(bytes: Array(rules.utf8), file: "rules.yaml").get()
        return try BillingEngine.compile([document], registry: registry).get()
    }

    /// Account `acct` on `plan` for November 2026, with `seats`.
    static func snapshot(_ engine: BillingEngine, plan: String, seats: [(added: String, size: Int)] = seats) throws -> Record {
        let list = seats.map { "{ added: \($0.added), size: \($0.size) }" }.joined(separator: ", ")
        let yaml = "id: acct\nplan: \(plan)\nperiod: { start: 2026-11-01, end: 2026-12-01 }\nseats: [\(list)]\n"
        return try engine.decoder.decode(try DocumentReader.read(bytes: Array(yaml.utf8), file: "s.yaml").get()).get()
    }
}
