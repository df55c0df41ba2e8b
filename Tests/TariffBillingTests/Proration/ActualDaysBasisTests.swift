import Testing
import TariffBilling
import TariffCore

@Suite("ActualDaysBasis")
struct ActualDaysBasisTests {
    @Test(arguments: [
        // February, leap and common: a whole month is exactly 1.
        ("2024-02-01", "2024-03-01", "1", "29/29"),
        ("2026-02-01", "2026-03-01", "1", "28/28"),
        ("2024-02-10", "2024-03-01", "20/29", "20/29"),
        ("2026-02-10", "2026-03-01", "19/28", "19/28"),
        ("2024-02-29", "2024-03-01", "1/29", "1/29"),
        // Across a month end.
        ("2026-03-05", "2026-05-01", "58/31", "27/31 + 30/30 = 58/31"),
        ("2026-01-20", "2026-02-10", "615/868", "12/31 + 9/28 = 615/868"),
        ("2025-12-20", "2026-01-10", "21/31", "12/31 + 9/31 = 21/31"),
        // Starting on the 31st.
        ("2026-01-31", "2026-02-01", "1/31", "1/31"),
        ("2026-03-31", "2026-04-15", "232/465", "1/31 + 14/30 = 232/465"),
        // One day, whole months, the seed's amounts.
        ("2026-04-10", "2026-04-11", "1/30", "1/30"),
        ("2026-04-01", "2026-05-01", "1", "30/30"),
        ("2026-03-01", "2026-04-01", "1", "31/31"),
        ("2026-04-02", "2026-05-01", "29/30", "29/30"),
        ("2026-04-09", "2026-05-01", "11/15", "22/30"),
        ("2026-01-01", "2027-01-01", "12", "31/31 + 28/28 + 31/31 + 30/30 + 31/31 + 30/30 + 31/31 + 31/31 + 30/30 + 31/31 + 30/30 + 31/31 = 12"),
        ("2026-04-10", "2026-04-10", "0", nil),
    ] as [(String, String, String, String?)])
    func prorate(start: String, end: String, fraction: String, explanation: String?) throws {
        let interval = try Period(start: CivilDate(parsing: start), end: CivilDate(parsing: end))
        let proration = try ActualDaysBasis().prorate(interval)
        #expect(proration.fraction.description == fraction)
        if let explanation { #expect(proration.explanation == explanation) }
        #expect(proration.basis == "actual-days")
        #expect(proration.parts.map(\.interval) == interval.splitByMonth())
    }

    @Test func seedInvoiceAmounts() throws {
        let price = Money(try ExactDecimal(parsing: "64.00"), .eur)
        let basis = ActualDaysBasis()
        func amount(_ start: String, _ end: String) throws -> String {
            let interval = try Period(start: CivilDate(parsing: start), end: CivilDate(parsing: end))
            return try price.multiplying(basis.prorate(interval).fraction, rounding: .halfUp).formatted
        }
        #expect(try amount("2026-03-05", "2026-05-01") == "119.74")
        #expect(try amount("2026-04-09", "2026-05-01") == "46.93")
        #expect(try amount("2026-04-02", "2026-05-01") == "61.87")
    }
}
