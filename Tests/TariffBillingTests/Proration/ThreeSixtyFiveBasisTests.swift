import Testing
import TariffBilling
import TariffCore

@Suite("ThreeSixtyFiveBasis")
struct ThreeSixtyFiveBasisTests {
    @Test(arguments: [
        // February, leap and common: whole months count 1, partial days 12/365 each.
        ("2024-02-01", "2024-03-01", "1", "365/365"),
        ("2026-02-01", "2026-03-01", "1", "365/365"),
        ("2024-02-10", "2024-03-01", "48/73", "240/365"),
        ("2026-02-10", "2026-03-01", "228/365", "228/365"),
        // Across a month end.
        ("2026-03-05", "2026-05-01", "689/365", "324/365 + 365/365 = 689/365"),
        ("2026-01-20", "2026-02-10", "252/365", "144/365 + 108/365 = 252/365"),
        // Starting on the 31st.
        ("2026-01-31", "2026-02-01", "12/365", "12/365"),
        ("2026-03-31", "2026-04-15", "36/73", "12/365 + 168/365 = 36/73"),
        // One day, a whole month, a calendar year, a year starting mid-month.
        ("2026-04-10", "2026-04-11", "12/365", "12/365"),
        ("2026-04-01", "2026-05-01", "1", "365/365"),
        ("2026-04-02", "2026-05-01", "348/365", "348/365"),
        ("2026-01-01", "2027-01-01", "12", nil),
        ("2026-01-15", "2027-01-15", "4387/365", nil),
    ] as [(String, String, String, String?)])
    func prorate(start: String, end: String, fraction: String, explanation: String?) throws {
        let interval = try Period(start: CivilDate(parsing: start), end: CivilDate(parsing: end))
        let proration = try ThreeSixtyFiveBasis().prorate(interval)
        #expect(proration.fraction.description == fraction)
        if let explanation { #expect(proration.explanation == explanation) }
        #expect(proration.basis == "365")
        #expect(proration.parts.allSatisfy { $0.fraction == (try? Fraction($0.units, $0.unitsInCycle)) })
    }

    /// A partial month is always less than a whole one, even in February.
    @Test func aPartialMonthIsLessThanAWholeOne() throws {
        let basis = ThreeSixtyFiveBasis()
        let longest = try basis.prorate(Period(start: CivilDate(parsing: "2026-03-02"), end: CivilDate(parsing: "2026-04-01")))
        #expect(longest.fraction.description == "72/73")
        #expect(longest.fraction < .one)
    }
}
