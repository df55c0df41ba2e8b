import Testing
@testable import TariffBilling
import TariffCore

@Suite("MonthlyProration")
struct MonthlyProrationTests {
    @Test func partsTileTheIntervalAndSumExactly() throws {
        let interval = try Period(start: CivilDate(parsing: "2025-11-15"), end: CivilDate(parsing: "2026-02-10"))
        let proration = try MonthlyProration.prorate(interval, basis: "test") { piece in
            (Int64(piece.days), 100)
        }
        #expect(proration.basis == "test")
        #expect(proration.parts.map(\.interval.description) == [
            "[2025-11-15, 2025-12-01)", "[2025-12-01, 2026-01-01)", "[2026-01-01, 2026-02-01)", "[2026-02-01, 2026-02-10)",
        ])
        #expect(proration.fraction == (try Fraction(Int64(interval.days), 100)))
    }

    @Test func anEmptyIntervalHasNoParts() throws {
        let day = try CivilDate(parsing: "2026-04-10")
        let proration = try MonthlyProration.prorate(Period(start: day, end: day), basis: "test") { _ in (1, 1) }
        #expect(proration.parts.isEmpty)
        #expect(proration.fraction == .zero)
    }

    @Test func aZeroCycleIsAnErrorNotATrap() throws {
        let interval = try Period(start: CivilDate(parsing: "2026-04-10"), end: CivilDate(parsing: "2026-04-11"))
        #expect(throws: ArithmeticError.self) {
            try MonthlyProration.prorate(interval, basis: "test") { _ in (1, 0) }
        }
    }

    @Test(arguments: [
        ("2026-04-01", "2026-05-01", true), ("2026-04-02", "2026-05-01", false), ("2026-04-01", "2026-04-30", false),
        ("2024-02-01", "2024-03-01", true),
    ])
    func wholeMonth(start: String, end: String, whole: Bool) throws {
        let piece = try Period(start: CivilDate(parsing: start), end: CivilDate(parsing: end))
        #expect(MonthlyProration.isWholeMonth(piece) == whole)
    }
}
