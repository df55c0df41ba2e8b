public import TariffCore

/// `fixed-30`: the 30/360 convention. Every month counts as 30 days, so a whole month is
/// exactly 1, February included.
///
/// Inside a month, a date's position is its day, with day 31 counted as day 30; the first
/// of the next month is position 31. A piece `[start, end)` counts `position(end) -
/// position(start)` days over 30. So:
/// - `[Mar 5, Apr 1)` is 26/30 and `[Mar 5, Mar 31)` is 25/30;
/// - `[Mar 31, Apr 1)` is 1/30, while `[Mar 30, Mar 31)` counts 0, as in 30E/360: days 30
///   and 31 share one position, and the month still sums to 30;
/// - February's end counts as a full month when the interval runs to March 1:
///   `[Feb 10, Mar 1)` is 21/30 in every year, and `[Feb 28, Mar 1)` in 2026 is 3/30.
///
/// Positions add up, so cutting an interval anywhere never changes its total.
///
/// ```swift
/// // [2026-03-05, 2026-05-01) = 26/30 + 30/30 = 28/15
/// let proration = try FixedThirtyBasis().prorate(period)
/// ```
///
/// - Complexity: O(m) for m months crossed.
public struct FixedThirtyBasis: ProrationBasis, Hashable {
    public init() {}

    public var name: String { "fixed-30" }

    public var summary: String {
        "30/360: every month counts 30 days (day 31 counts as 30); a whole month is 1, February included"
    }

    /// - Throws: ``ArithmeticError/overflow(_:)`` when the exact sum does not fit 64 bits.
    public func prorate(_ interval: Period) throws(ArithmeticError) -> Proration {
        try MonthlyProration.prorate(interval, basis: name) { piece in
            let from = min(piece.start.day, 30)
            // A piece ends inside its month or on the first of the next one.
            let runsToMonthEnd = piece.end.month != piece.start.month || piece.end.year != piece.start.year
            let to = runsToMonthEnd ? 31 : min(piece.end.day, 30)
            return (Int64(to - from), 30)
        }
    }
}
