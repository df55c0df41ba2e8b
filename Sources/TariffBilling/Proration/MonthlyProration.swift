import TariffCore

/// The shared skeleton of every calendar-month basis: cut the interval at month
/// boundaries, count each piece's units and its month's units under the basis, and sum
/// the exact fractions.
enum MonthlyProration {
    /// Units of one piece of an interval (inside one calendar month) under a basis.
    typealias Count = (units: Int64, unitsInCycle: Int64)

    /// - Parameters:
    ///   - interval: Half-open `[start, end)`; an empty interval has no parts and fraction 0.
    ///   - basis: The basis name written into the result.
    ///   - count: The units of one piece and of its whole month.
    /// - Throws: ``ArithmeticError/overflow(_:)`` when the exact sum does not fit 64 bits.
    /// - Complexity: O(m) for m months crossed.
    static func prorate(
        _ interval: Period, basis: String, count: (Period) -> Count
    ) throws(ArithmeticError) -> Proration {
        let pieces = interval.splitByMonth()
        var parts: [Proration.Part] = []
        parts.reserveCapacity(pieces.count)
        var total = Fraction.zero
        for piece in pieces {
            let (units, unitsInCycle) = count(piece)
            let fraction = try Fraction(units, unitsInCycle)
            parts.append(Proration.Part(interval: piece, units: units, unitsInCycle: unitsInCycle, fraction: fraction))
            total = try total.adding(fraction)
        }
        return Proration(basis: basis, parts: parts, fraction: total)
    }

    /// Whether `piece` (inside one month) is that whole month.
    static func isWholeMonth(_ piece: Period) -> Bool {
        piece.start.day == 1 && piece.days == piece.start.daysInMonth
    }
}
