import TariffBilling
import TariffCore
import Testing

@Suite("UsageChargeKind")
struct UsageChargeKindTests {
    /// The May invoice bills April's calls, one line each; March's are not on it.
    @Test func billsLastMonthsCalls() throws {
        let engine = try BillingFixtures.engine()
        let invoice = try BillingFixtures.invoice(try BillingFixtures.example("initech.yaml", engine: engine), engine: engine)
        let calls = invoice.lines.filter { $0.rule == "calls" }
        #expect(calls.map { "\($0.date?.description ?? "-") \($0.team ?? "-")/\($0.user ?? "-") \($0.amount.formatted)" } == [
            "2026-04-02 sales/peter 8.75", "2026-04-15 sales/michael 21.30",
            "2026-04-20 support/samir 4.05", "2026-04-30 support/milton 1.99",
        ])
        #expect(calls.first?.label == "Calls outside the package: calls to US mobiles (peter)")
        // The rule's lines were made in one allocation (a record block), each still a line of its own.
        #expect(Set(calls.map(\.record.storageIdentity)).count == 1)
        #expect(calls.allSatisfy { $0.billed })
    }

    func listed(_ filter: BillingEngine.ConsumptionFilter) throws -> [String] {
        let engine = try BillingFixtures.engine()
        let snapshot = try BillingFixtures.example("initech.yaml", engine: engine)
        return try engine.consumption(snapshot, asOf: BillingFixtures.asOf(), filter: filter).get().map { line in
            "\(line.date?.description ?? "-") \(line.user ?? "-") \(line.amount.formatted)\(line.billed ? "" : " unbilled")"
        }
    }

    @Test func listsEveryRecordBilledOrNot() throws {
        #expect(try listed(.init()) == [
            "2026-03-03 peter 12.40 unbilled", "2026-03-28 samir 3.15 unbilled", "2026-04-02 peter 8.75",
            "2026-04-15 michael 21.30", "2026-04-20 samir 4.05", "2026-04-30 milton 1.99",
        ])
    }

    @Test func filtersByTeam() throws {
        #expect(try listed(.init(team: "sales")) == [
            "2026-03-03 peter 12.40 unbilled", "2026-04-02 peter 8.75", "2026-04-15 michael 21.30",
        ])
        #expect(try listed(.init(team: "marketing")) == [])
    }

    @Test func filtersByUser() throws {
        #expect(try listed(.init(user: "samir")) == ["2026-03-28 samir 3.15 unbilled", "2026-04-20 samir 4.05"])
    }

    /// `from` is inclusive and `to` exclusive.
    @Test func filtersByDateRange() throws {
        let from = try CivilDate(year: 2026, month: 3, day: 28), to = try CivilDate(year: 2026, month: 4, day: 30)
        #expect(try listed(.init(from: from, to: to)) == [
            "2026-03-28 samir 3.15 unbilled", "2026-04-02 peter 8.75", "2026-04-15 michael 21.30", "2026-04-20 samir 4.05",
        ])
    }

    @Test func filtersCombine() throws {
        let from = try CivilDate(year: 2026, month: 4, day: 1)
        #expect(try listed(.init(from: from, team: "support", user: "samir")) == ["2026-04-20 samir 4.05"])
    }

    /// An amount finer than cents is rounded on its line (half-up, per line).
    @Test func amountsRoundPerLine() throws {
        let engine = try BillingFixtures.engine()
        let snapshot = try BillingFixtures.snapshot(BillingFixtures.account(consumption: [
            "{ date: 2026-04-10, team: t, user: u, description: d, amount: 0.125 }",
        ]), engine: engine)
        #expect(try BillingFixtures.invoice(snapshot, engine: engine).lines.map(\.summary) == ["1 × 0.13 = 0.13"])
    }
}
