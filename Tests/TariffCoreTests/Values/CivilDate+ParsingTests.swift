import Testing
import TariffCore

@Suite("CivilDate parsing")
struct CivilDateParsingTests {
    @Test(arguments: [
        ("2026-04-01", 2026, 4, 1), ("0001-01-01", 1, 1, 1), ("9999-12-31", 9999, 12, 31), ("2024-02-29", 2024, 2, 29),
        ("2000-02-29", 2000, 2, 29),
    ])
    func accepts(text: String, year: Int, month: Int, day: Int) throws {
        let date = try CivilDate(parsing: text)
        #expect(date.year == year && date.month == month && date.day == day)
        #expect(date.description == text)
    }

    @Test func acceptsSubstrings() throws {
        let line = "since: 2026-04-01"
        #expect(try CivilDate(parsing: line.dropFirst(7)).description == "2026-04-01")
    }

    static let shape = "expected YYYY-MM-DD, as in 2026-04-01"

    @Test(arguments: [
        ("2026-02-30", "February 2026 has 28 days"), ("2025-02-29", "February 2025 has 28 days"),
        ("2100-02-29", "February 2100 has 28 days"), ("2026-13-01", "month 13 is outside 1...12"),
        ("2026-00-10", "month 0 is outside 1...12"), ("2026-04-00", "day 0 is before the first of the month"),
        ("0000-01-01", "year 0 is outside 1...9999"), ("2026-4-1", shape), ("20260401", shape), ("", shape),
        (" 2026-04-01", shape), ("2026-04-01 ", shape), ("2026-04-01T00:00", shape), ("2026/04/01", shape),
        ("26-04-01", shape), ("+2026-04-01", shape), ("２０２６-04-01", shape), ("2026-04-1x", shape),
    ])
    func rejects(text: String, reason: String) {
        #expect(throws: DateParseError(text: text, reason: reason)) { try CivilDate(parsing: text) }
    }
}
