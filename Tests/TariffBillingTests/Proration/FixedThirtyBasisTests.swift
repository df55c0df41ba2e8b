import Testing
import TariffBilling
import TariffCore

@Suite("FixedThirtyBasis")
struct FixedThirtyBasisTests {
    @Test(arguments: [
        // February, leap and common: a whole month is 1, and its end runs to a full 30.
        ("2024-02-01", "2024-03-01", "1", "30/30"),
        ("2026-02-01", "2026-03-01", "1", "30/30"),
        ("2024-02-10", "2024-03-01", "7/10", "21/30"),
        ("2026-02-10", "2026-03-01", "7/10", "21/30"),
        ("2024-02-10", "2024-02-20", "1/3", "10/30"),
        ("2024-02-28", "2024-03-01", "1/10", "3/30"),
        ("2024-02-29", "2024-03-01", "1/15", "2/30"),
        ("2026-02-28", "2026-03-01", "1/10", "3/30"),
        ("2024-02-28", "2024-02-29", "1/30", "1/30"),
        // Across a month end.
        ("2026-03-05", "2026-05-01", "28/15", "26/30 + 30/30 = 28/15"),
        ("2026-01-20", "2026-02-10", "2/3", "11/30 + 9/30 = 2/3"),
        // Starting on the 31st; ending on the 31st; the 30th and 31st share a position.
        ("2026-01-31", "2026-02-01", "1/30", "1/30"),
        ("2026-03-31", "2026-04-15", "1/2", "1/30 + 14/30 = 1/2"),
        ("2026-03-05", "2026-03-31", "5/6", "25/30"),
        ("2026-03-30", "2026-03-31", "0", "0/30"),
        // One day, whole months of every length, the seed's 29/30.
        ("2026-04-10", "2026-04-11", "1/30", "1/30"),
        ("2026-04-01", "2026-05-01", "1", "30/30"),
        ("2026-03-01", "2026-04-01", "1", "30/30"),
        ("2026-04-02", "2026-05-01", "29/30", "29/30"),
        ("2025-12-31", "2026-01-01", "1/30", "1/30"),
    ])
    func prorate(start: String, end: String, fraction: String, explanation: String) throws {
        let interval = try Period(start: CivilDate(parsing: start), end: CivilDate(parsing: end))
        let proration = try FixedThirtyBasis().prorate(interval)
        #expect(proration.fraction.description == fraction)
        #expect(proration.explanation == explanation)
        #expect(proration.basis == "fixed-30")
    }

    /// Cutting a month anywhere never changes its total: positions add up.
    @Test(arguments: ["2024-02", "2026-02", "2026-03", "2026-04"])
    func everyCutOfAMonthSumsToOne(month: String) throws {
        let start = try CivilDate(parsing: month + "-01")
        let end = try start.startOfNextMonth
        let basis = FixedThirtyBasis()
        var cut = start
        while cut <= end {
            let left = try basis.prorate(Period(start: start, end: cut)).fraction
            let right = try basis.prorate(Period(start: cut, end: end)).fraction
            #expect(try left.adding(right) == .one, "cut at \(cut)")
            cut = try cut.adding(days: 1)
        }
    }
}
