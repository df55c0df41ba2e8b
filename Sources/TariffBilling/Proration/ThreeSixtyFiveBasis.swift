public import TariffCore

/// `365`: a monthly price is a yearly price over 12, and a partial month is charged by
/// the day at that yearly price over 365.
///
/// Whole calendar months count 1 each. A partial month's days count `days × 12 / 365`,
/// whatever the month's length: 10 days are 120/365 in February and in March alike. The
/// parts report that as `units = days × 12` over `unitsInCycle = 365` (and a whole month
/// as 365/365), so `units / unitsInCycle` is always the part's fraction.
///
/// A calendar year is exactly 12, but a year that starts mid-month is not:
/// `[2026-01-15, 2027-01-15)` is 11 + (17 + 14) × 12/365 = 11 + 372/365. A partial month
/// is always less than a whole one (at most 30 days, 360/365).
///
/// ```swift
/// // [2026-03-05, 2026-05-01) = 324/365 + 365/365 = 689/365
/// let proration = try ThreeSixtyFiveBasis().prorate(period)
/// ```
///
/// - Complexity: O(m) for m months crossed.
public struct ThreeSixtyFiveBasis: ProrationBasis, Hashable {
    public init() {}

    public var name: String { "365" }

    public var summary: String {
        "whole months count 1; other days count days × 12 / 365 (a yearly price per day)"
    }

    /// - Throws: ``ArithmeticError/overflow(_:)`` when the exact sum does not fit 64 bits.
    public func prorate(_ interval: Period) throws(ArithmeticError) -> Proration {
        try MonthlyProration.prorate(interval, basis: name) { piece in
            MonthlyProration.isWholeMonth(piece) ? (365, 365) : (Int64(piece.days) * 12, 365)
        }
    }
}
