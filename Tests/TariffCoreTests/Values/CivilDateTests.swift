import Testing
import TariffCore

@Suite("CivilDate")
struct CivilDateTests {
    private func date(_ text: String) throws -> CivilDate {
        try CivilDate(parsing: text)
    }

    @Test(arguments: [
        (2024, 2, 29), (2026, 2, 28), (2100, 2, 28), (2000, 2, 29), (1900, 2, 28), (2026, 1, 31), (2026, 4, 30),
        (2026, 12, 31), (2026, 13, 0), (2026, 0, 0),
    ])
    func daysInMonth(year: Int, month: Int, days: Int) {
        #expect(CivilDate.daysInMonth(year: year, month: month) == days)
    }

    @Test(arguments: [(2024, true), (2026, false), (2100, false), (2000, true), (1600, true), (1900, false)])
    func leapYears(year: Int, leap: Bool) {
        #expect(CivilDate.isLeapYear(year) == leap)
    }

    @Test(arguments: [
        ("1970-01-01", 0), ("1970-01-02", 1), ("1969-12-31", -1), ("2000-03-01", 11017),
        ("0001-01-01", -719_162), ("9999-12-31", 2_932_896),
    ])
    func daysSinceEpoch(text: String, days: Int) throws {
        let value = try date(text)
        #expect(value.daysSinceEpoch == days)
        #expect(CivilDate(daysSinceEpoch: days) == value)
        #expect(CivilDate(daysSinceEpoch: days).description == text)
    }

    @Test func fieldsRoundTripForEveryDayFrom1599To2401() throws {
        var expected = try CivilDate(year: 1599, month: 12, day: 31)
        for days in expected.daysSinceEpoch...(try CivilDate(year: 2401, month: 1, day: 1)).daysSinceEpoch {
            let value = CivilDate(daysSinceEpoch: days)
            let rebuilt = try CivilDate(year: value.year, month: value.month, day: value.day)
            guard rebuilt.daysSinceEpoch == days, value >= expected else {
                Issue.record("day \(days) is \(value), rebuilt as day \(rebuilt.daysSinceEpoch)")
                return
            }
            expected = value
        }
    }

    @Test(arguments: [
        ("2025-12-20", "2026-01-10", 21), ("2026-01-10", "2025-12-20", -21), ("2026-04-01", "2026-04-01", 0),
        ("2024-02-28", "2024-03-01", 2), ("2026-02-28", "2026-03-01", 1), ("2026-03-05", "2026-05-01", 57),
    ])
    func daysUntil(from: String, to: String, days: Int) throws {
        #expect(try date(from).days(until: date(to)) == days)
    }

    @Test(arguments: [
        ("2026-01-31", 1, "2026-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2026-03-31", -1, "2026-02-28"),
        ("2026-12-15", 1, "2027-01-15"), ("2026-01-15", -1, "2025-12-15"), ("2024-02-29", 12, "2025-02-28"),
        ("2024-02-29", 48, "2028-02-29"), ("2026-05-31", 1, "2026-06-30"), ("2026-04-01", 0, "2026-04-01"),
        ("2026-08-31", -18, "2025-02-28"), ("9999-12-01", 0, "9999-12-01"), ("9998-01-01", 24, "10000-01-01"),
    ])
    func addingMonthsClampsToTheEndOfTheMonth(from: String, months: Int, expected: String) throws {
        #expect(try date(from).adding(months: months).description == expected)
    }

    @Test(arguments: [("2026-02-28", 1, "2026-03-01"), ("2024-02-28", 1, "2024-02-29"), ("2026-01-01", -1, "2025-12-31"),
                      ("2025-12-20", 21, "2026-01-10"), ("9999-12-31", 1, "10000-01-01")])
    func addingDays(from: String, days: Int, expected: String) throws {
        #expect(try date(from).adding(days: days).description == expected)
    }

    @Test func arithmeticOutsideTheRangeThrows() throws {
        let last = try date("9999-12-31")
        let first = try date("0001-01-01")
        #expect(throws: ArithmeticError.self) { try last.adding(days: 2) }
        #expect(throws: ArithmeticError.self) { try first.adding(days: -1) }
        #expect(throws: ArithmeticError.self) { try first.adding(days: Int.min) }
        #expect(throws: ArithmeticError.self) { try last.adding(days: Int.max) }
        #expect(throws: ArithmeticError.self) { try last.adding(months: 1) }
        #expect(throws: ArithmeticError.self) { try first.adding(months: -1) }
        #expect(throws: ArithmeticError.self) { try first.adding(months: Int.max) }
        #expect(throws: ArithmeticError.self) { try first.adding(months: Int.min) }
        #expect(throws: ArithmeticError.self) { try CivilDate(checkedDaysSinceEpoch: 3_000_000) }
        #expect(CivilDate(daysSinceEpoch: Int.max) == .maximum)
        #expect(CivilDate(daysSinceEpoch: Int.min) == .minimum)
        #expect(CivilDate.maximum.description == "10000-01-01")
    }

    @Test(arguments: [
        (2026, 2, 29, "February 2026 has 28 days"), (2026, 4, 31, "April 2026 has 30 days"),
        (2100, 2, 29, "February 2100 has 28 days"), (2026, 13, 1, "month 13 is outside 1...12"),
        (2026, 0, 1, "month 0 is outside 1...12"), (2026, 1, 0, "day 0 is before the first of the month"),
        (0, 1, 1, "year 0 is outside 1...9999"), (10000, 1, 1, "year 10000 is outside 1...9999"),
    ])
    func invalidDatesAreRejected(year: Int, month: Int, day: Int, reason: String) {
        #expect(throws: ArithmeticError.invalidDate(reason)) { try CivilDate(year: year, month: month, day: day) }
    }

    @Test func monthBoundaries() throws {
        let date = try date("2024-02-15")
        #expect(date.startOfMonth.description == "2024-02-01")
        #expect(date.endOfMonth.description == "2024-02-29")
        #expect(try date.startOfNextMonth.description == "2024-03-01")
        #expect(try self.date("2025-12-31").startOfNextMonth.description == "2026-01-01")
        #expect(try self.date("9999-12-31").startOfNextMonth == .maximum)
        #expect(throws: ArithmeticError.self) { try CivilDate.maximum.startOfNextMonth }
        #expect(date.daysInMonth == 29)
        #expect(date.year == 2024 && date.month == 2 && date.day == 15)
    }

    @Test func orderingAndHashing() throws {
        #expect(try date("2025-12-31") < date("2026-01-01"))
        #expect(try date("2026-01-01") == CivilDate(year: 2026, month: 1, day: 1))
        #expect(try Set([date("2026-01-01"), CivilDate(daysSinceEpoch: 20454)]).count == 1)
    }
}
