public import TariffCore

/// `actual-days`: each calendar month's share is its charged days over the days in that
/// month.
///
/// The interval is half-open, `[start, end)`, and is split at month boundaries; a whole
/// month is exactly 1 whatever its length.
///
/// ```swift
/// // [2026-03-05, 2026-05-01) = 27/31 + 30/30 = 58/31
/// let proration = try ActualDaysBasis().prorate(period)
/// proration.explanation   // "27/31 + 30/30 = 58/31"
/// ```
///
/// - Complexity: O(m) for m months crossed.
public struct ActualDaysBasis: ProrationBasis, Hashable {
    public init() {}

    public var name: String { "actual-days" }

    public var summary: String {
        "days charged / days in that calendar month, per month; [start, end) half-open"
    }

    /// - Throws: ``ArithmeticError/overflow(_:)`` when the exact sum does not fit 64 bits.
    public func prorate(_ interval: Period) throws(ArithmeticError) -> Proration {
        try MonthlyProration.prorate(interval, basis: name) { piece in
            (Int64(piece.days), Int64(piece.start.daysInMonth))
        }
    }
}
