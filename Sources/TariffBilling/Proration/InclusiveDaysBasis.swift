public import TariffCore

/// `inclusive-days`: like `actual-days`, but both ends are charged: the interval's `end`
/// date is itself a charged day.
///
/// The interval `[2026-04-01, 2026-04-30]` is the whole of April, 1; `[2026-04-10,
/// 2026-04-10]` is one day, 1/30. The days are split per calendar month and each part
/// counts its days, inclusively, over the days of that month. The parts in the result
/// are the half-open equivalents (`end` + 1 day), so they tile like every other basis.
///
/// ```swift
/// // [2026-03-05, 2026-04-30] = 27/31 + 30/30 = 58/31
/// let proration = try InclusiveDaysBasis().prorate(period)
/// ```
///
/// - Complexity: O(m) for m months crossed.
public struct InclusiveDaysBasis: ProrationBasis, Hashable {
    public init() {}

    public var name: String { "inclusive-days" }

    public var summary: String {
        "days charged / days in that calendar month, per month; [start, end] with both ends charged"
    }

    /// - Throws: ``ArithmeticError/invalidDate(_:)`` when the day after `end` is past the
    ///   supported range, ``ArithmeticError/overflow(_:)`` when the sum does not fit 64 bits.
    public func prorate(_ interval: Period) throws(ArithmeticError) -> Proration {
        let halfOpen = try Period(start: interval.start, end: interval.end.adding(days: 1))
        return try MonthlyProration.prorate(halfOpen, basis: name) { piece in
            (Int64(piece.days), Int64(piece.start.daysInMonth))
        }
    }
}
