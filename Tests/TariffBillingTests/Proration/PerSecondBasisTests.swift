import Testing
import TariffBilling
import TariffCore

@Suite("PerSecondBasis")
struct PerSecondBasisTests {
    @Test(arguments: [
        // February, leap and common.
        ("2024-02-01", "2024-03-01", "1", "2505600/2505600"),
        ("2026-02-01", "2026-03-01", "1", "2419200/2419200"),
        ("2024-02-10", "2024-03-01", "20/29", "1728000/2505600"),
        ("2026-02-10", "2026-03-01", "19/28", "1641600/2419200"),
        // Across a month end.
        ("2026-03-05", "2026-05-01", "58/31", "2332800/2678400 + 2592000/2592000 = 58/31"),
        // Starting on the 31st, one day, a whole month.
        ("2026-01-31", "2026-02-01", "1/31", "86400/2678400"),
        ("2026-04-10", "2026-04-11", "1/30", "86400/2592000"),
        ("2026-04-01", "2026-05-01", "1", "2592000/2592000"),
    ])
    func prorate(start: String, end: String, fraction: String, explanation: String) throws {
        let interval = try Period(start: CivilDate(parsing: start), end: CivilDate(parsing: end))
        let proration = try PerSecondBasis().prorate(interval)
        #expect(proration.fraction.description == fraction)
        #expect(proration.explanation == explanation)
        #expect(proration.basis == "seconds")
    }

    /// With civil-date intervals, seconds and actual days agree on every fraction.
    @Test(arguments: [("2024-01-17", "2024-06-03"), ("2025-12-31", "2026-03-01"), ("2026-04-01", "2026-04-01")])
    func agreesWithActualDays(start: String, end: String) throws {
        let interval = try Period(start: CivilDate(parsing: start), end: CivilDate(parsing: end))
        #expect(try PerSecondBasis().prorate(interval).fraction == ActualDaysBasis().prorate(interval).fraction)
    }
}
