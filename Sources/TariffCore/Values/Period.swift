/// A half-open interval of civil dates, `[start, end)`: `end` itself is not included.
///
/// April 2026 is `[2026-04-01, 2026-05-01)`, 30 days. Half-open intervals tile without
/// overlap or gap, so a cycle split at month boundaries sums back to the whole.
///
/// ```swift
/// let period = try Period(start: CivilDate(parsing: "2026-03-05"), end: CivilDate(parsing: "2026-05-01"))
/// period.days             // 57
/// period.splitByMonth()   // [2026-03-05, 2026-04-01), [2026-04-01, 2026-05-01)
/// ```
public struct Period: Sendable, Hashable {
    /// The first day in the interval.
    public let start: CivilDate
    /// The first day after the interval.
    public let end: CivilDate

    /// `[start, end)`; an empty period (`start == end`) is allowed.
    ///
    /// - Throws: ``ArithmeticError/invalidDate(_:)`` when `end` is before `start`.
    @inlinable
    public init(start: CivilDate, end: CivilDate) throws(ArithmeticError) {
        guard start <= end else { throw Self.reversed(start, end) }
        self.start = start
        self.end = end
    }

    @inlinable
    init(uncheckedStart start: CivilDate, end: CivilDate) {
        self.start = start
        self.end = end
    }

    @usableFromInline
    static func reversed(_ start: CivilDate, _ end: CivilDate) -> ArithmeticError {
        .invalidDate("the period ends on \(end), before its start \(start)")
    }

    /// The number of days in the interval: `end - start`.
    @inlinable
    public var days: Int { start.days(until: end) }

    /// Whether the period has no days.
    @inlinable
    public var isEmpty: Bool { start == end }

    /// Whether `date` is in `[start, end)`.
    @inlinable
    public func contains(_ date: CivilDate) -> Bool {
        start <= date && date < end
    }

    /// The days both periods share, or `nil` when they share none (touching periods such
    /// as `[Mar 1, Apr 1)` and `[Apr 1, May 1)` share none).
    @inlinable
    public func intersection(_ other: Period) -> Period? {
        let lower = max(start, other.start)
        let upper = min(end, other.end)
        return lower < upper ? Period(uncheckedStart: lower, end: upper) : nil
    }

    /// The calendar month that contains `date`: `[first of month, first of next month)`.
    ///
    /// For `10000-01-01`, the end of the supported range, this is the empty period at it.
    public static func month(containing date: CivilDate) -> Period {
        let start = date.startOfMonth
        return Period(uncheckedStart: start, end: start.nextMonthStart ?? start)
    }

    /// The interval cut at every first of the month it crosses; the pieces are in order,
    /// non-empty, and cover it exactly. An empty period has no pieces.
    ///
    /// ```swift
    /// // [2026-03-05, 2026-05-01) -> [2026-03-05, 2026-04-01), [2026-04-01, 2026-05-01)
    /// ```
    ///
    /// - Complexity: O(m) for m months crossed; one array allocation.
    public func splitByMonth() -> [Period] {
        var pieces: [Period] = []
        guard start < end else { return pieces }
        pieces.reserveCapacity((end.year - start.year) * 12 + end.month - start.month + 1)
        var cursor = start
        while cursor < end {
            let boundary = cursor.nextMonthStart.map { min($0, end) } ?? end
            pieces.append(Period(uncheckedStart: cursor, end: boundary))
            cursor = boundary
        }
        return pieces
    }
}

extension Period: CustomStringConvertible {
    /// `"[2026-04-01, 2026-05-01)"`.
    public var description: String {
        "[\(start), \(end))"
    }
}
