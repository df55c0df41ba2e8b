import TariffBilling
import TariffCore
import Testing

@Suite("QuoteKind")
struct QuoteKindTests {
    func quote(count: Int, on date: String) throws -> Quote {
        let engine = try BillingFixtures.engine()
        let snapshot = try BillingFixtures.example("acme.yaml", engine: engine)
        let request = try BillingFixtures.request("add-licenses", "{ count: \(count), on: \(date) }", engine: engine)
        return try engine.quote("add-licenses", request: request, snapshot: snapshot, asOf: BillingFixtures.asOf()).get()
    }

    /// What the Add-a-License popup shows for 7 licenses added on 2026-04-10.
    @Test func sevenLicenses() throws {
        let quote = try quote(count: 7, on: "2026-04-10")
        #expect(quote.action == "add-licenses")
        #expect(quote.rule == "add_licenses")
        #expect(quote.values.map { "\($0.name)=\($0.text)" } == [
            "price_per_license=64.00", "first_payment=2026-05-01", "licenses_added=7",
            "monthly_cost_of_added=448.00", "monthly_total_after=1088.00",
        ])
        let prorated = try #require(quote.prorated)
        #expect(prorated.interval == (try Period(start: CivilDate(year: 2026, month: 4, day: 10), end: CivilDate(year: 2026, month: 5, day: 1))))
        #expect(prorated.fraction == "7/10")
        #expect(prorated.basis == "actual-days")
        #expect(prorated.summary == "7 × 44.80 = 313.60")
    }

    @Test(arguments: [
        (1, "2026-04-01", "1", "1 × 64.00 = 64.00"),           // a whole month
        (1, "2026-04-30", "1/30", "1 × 2.13 = 2.13"),          // one day
        (2, "2026-02-15", "1/2", "2 × 32.00 = 64.00"),         // February of a common year
        (1, "2028-02-15", "15/29", "1 × 33.10 = 33.10"),       // February of a leap year
        (3, "2026-01-31", "1/31", "3 × 2.06 = 6.18"),          // the 31st
    ])
    func prepayablePeriodToTheNextMonth(count: Int, on date: String, fraction: String, summary: String) throws {
        let prorated = try #require(try quote(count: count, on: date).prorated)
        #expect(prorated.fraction == fraction)
        #expect(prorated.summary == summary)
    }

    @Test func countMustBePositive() throws {
        let engine = try BillingFixtures.engine()
        #expect(throws: DiagnosticError.self) {
            try BillingFixtures.request("add-licenses", "{ count: 0, on: 2026-04-10 }", engine: engine)
        }
    }
}
