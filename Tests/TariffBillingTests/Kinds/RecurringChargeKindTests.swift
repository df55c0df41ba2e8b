import TariffBilling
import TariffCore
import Testing

@Suite("RecurringChargeKind")
struct RecurringChargeKindTests {
    func may() throws -> Period {
        try Period(start: CivilDate(year: 2026, month: 5, day: 1), end: CivilDate(year: 2026, month: 6, day: 1))
    }

    @Test func acmeLicensesAndNumbersForTheWholeCycle() throws {
        let engine = try BillingFixtures.engine()
        let invoice = try BillingFixtures.invoice(try BillingFixtures.example("acme.yaml", engine: engine), engine: engine)
        let recurring = invoice.lines.filter { $0.rule == "licenses" || $0.rule == "numbers" }
        #expect(recurring.map(\.label) == ["ADVANCED licenses", "Phone numbers (FR)"])
        #expect(recurring.map(\.summary) == ["10 × 64.00 = 640.00", "3 × 5.00 = 15.00"])
        let may = try may()
        #expect(recurring.allSatisfy { $0.interval == may && $0.fraction == nil && $0.basis == nil })
        // Items alike merge into one line that remembers which items it covers.
        #expect(recurring[0].items == Array(0..<10))
    }

    @Test(arguments: [("ESSENTIAL", "2 × 29.00 = 58.00"), ("SMART", "2 × 44.00 = 88.00"), ("ADVANCED", "2 × 64.00 = 128.00")])
    func priceComesFromThePlansRow(plan: String, line: String) throws {
        let engine = try BillingFixtures.engine()
        let snapshot = try BillingFixtures.snapshot(BillingFixtures.account(plan: plan, licenses: [
            "{ id: A, added: 2025-01-01, billed_until: 2026-05-01 }",
            "{ id: B, added: 2025-01-01, billed_until: 2026-05-01 }",
        ]), engine: engine)
        let invoice = try BillingFixtures.invoice(snapshot, engine: engine)
        #expect(invoice.lines.map(\.label) == ["\(plan) licenses"])
        #expect(invoice.lines.map(\.summary) == [line])
    }

    @Test func numberFeesByCountryWithTheDefaultRow() throws {
        let engine = try BillingFixtures.engine()
        let snapshot = try BillingFixtures.snapshot(BillingFixtures.account(
            numbers: [
                "{ e164: \"+33100000001\", country: FR }", "{ e164: \"+442000000001\", country: GB }",
                "{ e164: \"+33100000002\", country: FR }", "{ e164: \"+4930000001\", country: DE }",
            ],
            addresses: ["{ country: FR, verified: true }", "{ country: GB, verified: true }", "{ country: DE, verified: true }"]
        ), engine: engine)
        let lines = try BillingFixtures.invoice(snapshot, engine: engine).lines
        #expect(lines.map(\.label) == ["Phone numbers (FR)", "Phone numbers (GB)", "Phone numbers (DE)"])
        // FR and GB have rows of their own; DE has none and takes the default.
        #expect(lines.map(\.summary) == ["2 × 5.00 = 10.00", "1 × 4.00 = 4.00", "1 × 6.00 = 6.00"])
    }

    /// A rule with `merge: never` makes its lines in one allocation (a ``RecordBlock``): one
    /// per rule evaluated, not one per line. Each is still a line of its own: a change to one
    /// leaves the others as they were.
    @Test func linesOfOneRuleShareOneAllocation() throws {
        let engine = try SelectedItemsTests.engine()
        let invoice = try engine.preview(try SelectedItemsTests.snapshot(engine, plan: "BASIC"), asOf: SelectedItemsTests.asOf).get().invoice
        let byRule = Dictionary(grouping: invoice.lines, by: \.rule)
        let big = try #require(byRule["big_seats"]), ranked = try #require(byRule["larger_ones"])
        #expect(big.count == 3 && ranked.count == 3)
        #expect(Set(big.map(\.record.storageIdentity)).count == 1)
        #expect(Set(ranked.map(\.record.storageIdentity)).count == 1)
        #expect(big[0].record.storageIdentity != ranked[0].record.storageIdentity)
        var changed = big[1]
        changed.quantity = 40
        #expect(changed.quantity == 40 && changed.label == big[1].label)
        #expect(big.map(\.quantity) == [6, 2, 9])
        #expect(changed.record.storageIdentity != big[1].record.storageIdentity)
    }

    @Test func anAccountWithNothingHasNoLines() throws {
        let engine = try BillingFixtures.engine()
        let invoice = try BillingFixtures.invoice(try BillingFixtures.snapshot(BillingFixtures.account(), engine: engine), engine: engine)
        #expect(invoice.lines.isEmpty)
        #expect(invoice.total.formatted == "0.00")
    }
}
