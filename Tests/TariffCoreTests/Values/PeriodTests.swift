import Testing
import TariffCore

@Suite("Period")
struct PeriodTests {
    private func period(_ start: String, _ end: String) throws -> Period {
        try Period(start: CivilDate(parsing: start), end: CivilDate(parsing: end))
    }

    @Test func construction() throws {
        let april = try period("2026-04-01", "2026-05-01")
        #expect(april.days == 30)
        #expect(april.description == "[2026-04-01, 2026-05-01)")
        #expect(try period("2026-04-01", "2026-04-01").isEmpty)
        #expect(throws: ArithmeticError.invalidDate("the period ends on 2026-03-01, before its start 2026-04-01")) {
            try self.period("2026-04-01", "2026-03-01")
        }
    }

    @Test(arguments: [("2026-04-01", true), ("2026-04-30", true), ("2026-05-01", false), ("2026-03-31", false)])
    func containsIsHalfOpen(date: String, inside: Bool) throws {
        #expect(try period("2026-04-01", "2026-05-01").contains(CivilDate(parsing: date)) == inside)
    }

    @Test(arguments: [
        (("2026-04-01", "2026-05-01"), ("2026-04-15", "2026-06-01"), "[2026-04-15, 2026-05-01)"),
        (("2026-04-01", "2026-05-01"), ("2026-04-10", "2026-04-20"), "[2026-04-10, 2026-04-20)"),
        (("2026-04-01", "2026-05-01"), ("2026-05-01", "2026-06-01"), "none"),
        (("2026-04-01", "2026-05-01"), ("2026-01-01", "2026-02-01"), "none"),
        (("2026-04-01", "2026-05-01"), ("2026-04-10", "2026-04-10"), "none"),
    ])
    func intersection(left: (String, String), right: (String, String), expected: String) throws {
        let a = try period(left.0, left.1)
        let b = try period(right.0, right.1)
        #expect(a.intersection(b)?.description ?? "none" == expected)
        #expect(b.intersection(a)?.description ?? "none" == expected)
    }

    @Test func splitReachesTheEndOfTheRange() throws {
        let end = try Period(start: CivilDate(parsing: "9999-11-30"), end: .maximum)
        #expect(end.splitByMonth().map(\.description) == ["[9999-11-30, 9999-12-01)", "[9999-12-01, 10000-01-01)"])
        #expect(Period.month(containing: .maximum).isEmpty)
    }

    @Test(arguments: [
        ("2024-02-15", "[2024-02-01, 2024-03-01)", 29), ("2026-02-01", "[2026-02-01, 2026-03-01)", 28),
        ("2026-12-31", "[2026-12-01, 2027-01-01)", 31), ("9999-12-31", "[9999-12-01, 10000-01-01)", 31),
    ])
    func monthContaining(date: String, expected: String, days: Int) throws {
        let month = Period.month(containing: try CivilDate(parsing: date))
        #expect(month.description == expected)
        #expect(month.days == days)
    }

    @Test(arguments: [
        (("2026-03-05", "2026-05-01"), ["[2026-03-05, 2026-04-01)", "[2026-04-01, 2026-05-01)"]),
        (("2026-04-01", "2026-05-01"), ["[2026-04-01, 2026-05-01)"]),
        (("2026-04-10", "2026-04-11"), ["[2026-04-10, 2026-04-11)"]),
        (("2025-12-20", "2026-02-10"),
         ["[2025-12-20, 2026-01-01)", "[2026-01-01, 2026-02-01)", "[2026-02-01, 2026-02-10)"]),
        (("2026-04-01", "2026-04-01"), []),
    ])
    func splitByMonth(bounds: (String, String), expected: [String]) throws {
        let whole = try period(bounds.0, bounds.1)
        let pieces = whole.splitByMonth()
        #expect(pieces.map(\.description) == expected)
        #expect(pieces.reduce(0) { $0 + $1.days } == whole.days)
    }
}
