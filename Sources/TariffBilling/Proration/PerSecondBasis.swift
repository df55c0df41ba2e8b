public import TariffCore

/// `seconds`: the units are seconds, `days × 86400`, over the seconds in that calendar
/// month; a whole month is 1.
///
/// Intervals are civil dates, so every charged part is a whole number of days and the
/// fractions equal those of `actual-days`; the traces show seconds
/// (`1728000/2505600` for the 20 days from 2024-02-10 to March), for rules whose prices are quoted
/// per second.
///
/// ```swift
/// // [2026-04-10, 2026-04-11) = 86400/2592000 = 1/30
/// let proration = try PerSecondBasis().prorate(period)
/// ```
///
/// - Complexity: O(m) for m months crossed.
public struct PerSecondBasis: ProrationBasis, Hashable {
    /// Seconds in a civil day (no leap seconds in civil billing).
    public static let secondsPerDay: Int64 = 86_400

    public init() {}

    public var name: String { "seconds" }

    public var summary: String {
        "seconds charged (days × 86400) / seconds in that calendar month, per month"
    }

    /// - Throws: ``ArithmeticError/overflow(_:)`` when the exact sum does not fit 64 bits.
    public func prorate(_ interval: Period) throws(ArithmeticError) -> Proration {
        try MonthlyProration.prorate(interval, basis: name) { piece in
            (Int64(piece.days) * Self.secondsPerDay, Int64(piece.start.daysInMonth) * Self.secondsPerDay)
        }
    }
}
