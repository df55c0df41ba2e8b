import Testing
import TariffBilling
import TariffCore

@Suite("InclusiveDaysBasis")
struct InclusiveDaysBasisTests {
    /// `end` is a charged day: `[start, end]`.
    @Test(arguments: [
        // February, leap and common.
        ("2024-02-01", "2024-02-29", "1", "29/29"),
        ("2026-02-01", "2026-02-28", "1", "28/28"),
        ("2024-02-10", "2024-02-29", "20/29", "20/29"),
        ("2026-02-10", "2026-02-28", "19/28", "19/28"),
        // Across a month end.
        ("2026-03-05", "2026-04-30", "58/31", "27/31 + 30/30 = 58/31"),
        ("2026-03-05", "2026-05-01", "59/31", "27/31 + 30/30 + 1/31 = 59/31"),
        ("2026-02-28", "2026-03-01", "59/868", "1/28 + 1/31 = 59/868"),
        // Starting on the 31st.
        ("2026-01-31", "2026-01-31", "1/31", "1/31"),
        ("2026-01-31", "2026-02-01", "59/868", "1/31 + 1/28 = 59/868"),
        // One day, two days, a whole month.
        ("2026-04-10", "2026-04-10", "1/30", "1/30"),
        ("2026-04-10", "2026-04-11", "1/15", "2/30"),
        ("2026-04-01", "2026-04-30", "1", "30/30"),
        ("2026-12-01", "2026-12-31", "1", "31/31"),
    ])
    func prorate(start: String, end: String, fraction: String, explanation: String) throws {
        let interval = try Period(start: CivilDate(parsing: start), end: CivilDate(parsing: end))
        let proration = try InclusiveDaysBasis().prorate(interval)
        #expect(proration.fraction.description == fraction)
        #expect(proration.explanation == explanation)
        #expect(proration.basis == "inclusive-days")
        #expect(proration.parts.reduce(0) { $0 + $1.interval.days } == interval.days + 1)
    }

    @Test func theDayAfterTheRangeCannotBeCharged() throws {
        let interval = try Period(start: CivilDate(parsing: "9999-12-01"), end: .maximum)
        #expect(throws: ArithmeticError.self) { try InclusiveDaysBasis().prorate(interval) }
    }
}
