import TariffBilling
import TariffCore
import Testing

@Suite("ProratedChargeKind")
struct ProratedChargeKindTests {
    func prorated(_ invoice: Invoice) -> [String] {
        invoice.lines.filter { $0.rule == "added_licenses" }.map { line in
            "\(line.interval.map { "\($0.start)..<\($0.end)" } ?? "-") \(line.fraction ?? "-") \(line.summary)"
        }
    }

    /// The page's amounts, from the snapshot's dates on the actual-days basis.
    @Test func acmeAddedLicenses() throws {
        let engine = try BillingFixtures.engine()
        let invoice = try BillingFixtures.invoice(try BillingFixtures.example("acme.yaml", engine: engine), engine: engine)
        #expect(prorated(invoice) == [
            "2026-03-05..<2026-05-01 58/31 1 × 119.74 = 119.74",
            "2026-04-01..<2026-05-01 1 3 × 64.00 = 192.00",
            "2026-04-09..<2026-05-01 11/15 2 × 46.93 = 93.86",
            "2026-04-02..<2026-05-01 29/30 1 × 61.87 = 61.87",
        ])
        let lines = invoice.lines.filter { $0.rule == "added_licenses" }
        #expect(lines.allSatisfy { $0.basis == "actual-days" })
        #expect(lines.first?.label == "ADVANCED license added 2026-03-05, prepayable period")
    }

    @Test(arguments: [
        // Paid up to mid-April: only the rest of April is prepayable.
        ("{ id: A, added: 2025-01-01, billed_until: 2026-04-15 }", ["2026-04-15..<2026-05-01 8/15 1 × 34.13 = 34.13"]),
        // Paid up to the cycle: nothing prorated.
        ("{ id: A, added: 2025-01-01, billed_until: 2026-05-01 }", []),
        // Never billed since February (a common year): 19/28 + 31/31 + 30/30.
        ("{ id: A, added: 2026-02-10 }", ["2026-02-10..<2026-05-01 75/28 1 × 171.43 = 171.43"]),
        // Added on the last day before the cycle: one day of April.
        ("{ id: A, added: 2026-04-30 }", ["2026-04-30..<2026-05-01 1/30 1 × 2.13 = 2.13"]),
        // Added on the 31st of March.
        ("{ id: A, added: 2026-03-31 }", ["2026-03-31..<2026-05-01 32/31 1 × 66.06 = 66.06"]),
    ])
    func prepayablePeriod(license: String, expected: [String]) throws {
        let engine = try BillingFixtures.engine()
        let snapshot = try BillingFixtures.snapshot(BillingFixtures.account(licenses: [license]), engine: engine)
        #expect(prorated(try BillingFixtures.invoice(snapshot, engine: engine)) == expected)
    }

    /// The basis is a setting of the rules: fixed-30 counts every month as 30 days.
    @Test func basisIsDeclaredInTheRules() throws {
        let engine = try BillingFixtures.engine(editing: "pricing.yaml", replacing: "proration: { basis: actual-days }",
                                                with: "proration: { basis: fixed-30 }")
        let invoice = try BillingFixtures.invoice(try BillingFixtures.example("acme.yaml", engine: engine), engine: engine)
        let lines = invoice.lines.filter { $0.rule == "added_licenses" }
        #expect(lines.allSatisfy { $0.basis == "fixed-30" })
        #expect(prorated(invoice) == [
            "2026-03-05..<2026-05-01 28/15 1 × 119.47 = 119.47",
            "2026-04-01..<2026-05-01 1 3 × 64.00 = 192.00",
            "2026-04-09..<2026-05-01 11/15 2 × 46.93 = 93.86",
            "2026-04-02..<2026-05-01 29/30 1 × 61.87 = 61.87",
        ])
    }

    /// A declared fraction precision rounds the fraction before it multiplies the price.
    @Test func fractionPrecisionIsASetting() throws {
        let engine = try BillingFixtures.engine(editing: "pricing.yaml", replacing: "proration: { basis: actual-days }",
                                                with: "proration: { basis: actual-days, precision: 2 }")
        let invoice = try BillingFixtures.invoice(try BillingFixtures.example("acme.yaml", engine: engine), engine: engine)
        // 58/31 → 1.87, 22/30 → 0.73, 29/30 → 0.97 (half-up), then × 64.00.
        #expect(invoice.lines.filter { $0.rule == "added_licenses" }.map(\.summary) == [
            "1 × 119.68 = 119.68", "3 × 64.00 = 192.00", "2 × 46.72 = 93.44", "1 × 62.08 = 62.08",
        ])
    }
}
