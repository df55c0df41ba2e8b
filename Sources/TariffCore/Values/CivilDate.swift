/// A day in the proleptic Gregorian calendar, with no time and no time zone.
///
/// Billing periods are civil dates: a cycle runs from `2026-04-01` to `2026-05-01`
/// wherever the customer is. The value stores days since 1970-01-01 (for O(1) ordering
/// and differences) next to year, month and day (for O(1) field access), in 8 bytes.
///
/// ```swift
/// let date = try CivilDate(parsing: "2026-01-31")
/// try date.adding(months: 1)                         // 2026-02-28 (end-of-month clamping)
/// date.days(until: try CivilDate(parsing: "2026-02-10"))   // 10
/// ```
///
/// Supported dates run from `0001-01-01` to `10000-01-01`; the last one exists only as the
/// exclusive end of a half-open interval that covers `9999-12-31`. Constructors from
/// fields and text accept years `1...9999`; arithmetic that leaves the range throws.
public struct CivilDate: Sendable {
    @usableFromInline
    let storedDays: Int32
    @usableFromInline
    let storedYear: Int16
    @usableFromInline
    let storedMonth: UInt8
    @usableFromInline
    let storedDay: UInt8

    /// Days since 1970-01-01 of `0001-01-01`.
    @usableFromInline
    static let minimumDays = -719_162
    /// Days since 1970-01-01 of `10000-01-01`, the exclusive end of the supported range.
    @usableFromInline
    static let maximumDays = 2_932_897

    /// The earliest supported date, `0001-01-01`.
    public static let minimum = CivilDate(uncheckedDays: minimumDays)
    /// The latest supported date, `10000-01-01`: the exclusive end after `9999-12-31`.
    public static let maximum = CivilDate(uncheckedDays: maximumDays)

    /// The date with these fields.
    ///
    /// ```swift
    /// try CivilDate(year: 2024, month: 2, day: 29)   // 2024-02-29
    /// try CivilDate(year: 2026, month: 2, day: 29)   // throws: February 2026 has 28 days
    /// ```
    ///
    /// - Throws: ``ArithmeticError/invalidDate(_:)`` for a year outside `1...9999`, a month
    ///   outside `1...12` or a day the month does not have.
    public init(year: Int, month: Int, day: Int) throws(ArithmeticError) {
        if let reason = Self.invalidity(year: year, month: month, day: day) {
            throw .invalidDate(reason)
        }
        self.init(validYear: year, month: month, day: day)
    }

    /// The date `daysSinceEpoch` days after 1970-01-01 (negative: before).
    ///
    /// Values outside the supported range are clamped to ``minimum`` or ``maximum``; use
    /// ``init(checkedDaysSinceEpoch:)`` or ``adding(days:)`` to be told instead.
    public init(daysSinceEpoch: Int) {
        self.init(uncheckedDays: min(max(daysSinceEpoch, Self.minimumDays), Self.maximumDays))
    }

    /// The date `daysSinceEpoch` days after 1970-01-01.
    ///
    /// - Throws: ``ArithmeticError/invalidDate(_:)`` outside `0001-01-01...10000-01-01`.
    public init(checkedDaysSinceEpoch daysSinceEpoch: Int) throws(ArithmeticError) {
        guard daysSinceEpoch >= Self.minimumDays, daysSinceEpoch <= Self.maximumDays else {
            throw .invalidDate("day \(daysSinceEpoch) since 1970-01-01 is outside 0001-01-01...10000-01-01")
        }
        self.init(uncheckedDays: daysSinceEpoch)
    }

    /// `days` is within the supported range.
    @usableFromInline
    init(uncheckedDays days: Int) {
        // Howard Hinnant's civil_from_days, on a 400-year era of 146097 days.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        storedDays = Int32(truncatingIfNeeded: days)
        storedYear = Int16(truncatingIfNeeded: year)
        storedMonth = UInt8(truncatingIfNeeded: month)
        storedDay = UInt8(truncatingIfNeeded: day)
    }

    /// Fields already validated (year may be 10000 only for January 1).
    @usableFromInline
    init(validYear year: Int, month: Int, day: Int) {
        storedDays = Int32(truncatingIfNeeded: Self.daysSinceEpoch(year: year, month: month, day: day))
        storedYear = Int16(truncatingIfNeeded: year)
        storedMonth = UInt8(truncatingIfNeeded: month)
        storedDay = UInt8(truncatingIfNeeded: day)
    }

    /// Howard Hinnant's days_from_civil.
    @usableFromInline
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let adjustedYear = month <= 2 ? year - 1 : year
        let era = (adjustedYear >= 0 ? adjustedYear : adjustedYear - 399) / 400
        let yearOfEra = adjustedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Why these fields are not a supported date, or `nil` when they are.
    static func invalidity(year: Int, month: Int, day: Int) -> String? {
        guard year >= 1, year <= 9999 else { return "year \(year) is outside 1...9999" }
        guard month >= 1, month <= 12 else { return "month \(month) is outside 1...12" }
        let length = daysInMonth(year: year, month: month)
        guard day >= 1, day <= length else {
            return day < 1
                ? "day \(day) is before the first of the month"
                : "\(monthNames[month - 1]) \(year) has \(length) days"
        }
        return nil
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    // MARK: - Fields

    /// Days since 1970-01-01; negative before it.
    @inlinable
    public var daysSinceEpoch: Int { Int(storedDays) }
    @inlinable
    public var year: Int { Int(storedYear) }
    /// `1...12`.
    @inlinable
    public var month: Int { Int(storedMonth) }
    /// `1...31`.
    @inlinable
    public var day: Int { Int(storedDay) }

    /// Whether `year` has a February 29: every fourth year, except centuries not divisible by 400.
    ///
    /// ```swift
    /// CivilDate.isLeapYear(2024)   // true
    /// CivilDate.isLeapYear(2100)   // false
    /// CivilDate.isLeapYear(2000)   // true
    /// ```
    @inlinable
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in a month: 28...31. A month outside `1...12` has 0 days.
    @inlinable
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: isLeapYear(year) ? 29 : 28
        default: 0
        }
    }

    /// The number of days in this date's month.
    @inlinable
    public var daysInMonth: Int { Self.daysInMonth(year: year, month: month) }

    // MARK: - Arithmetic

    /// The date `days` days later (earlier when negative).
    ///
    /// - Throws: ``ArithmeticError/invalidDate(_:)`` when the result leaves the supported range.
    /// - Complexity: O(1).
    public func adding(days: Int) throws(ArithmeticError) -> CivilDate {
        let (target, overflow) = daysSinceEpoch.addingReportingOverflow(days)
        guard !overflow, target >= Self.minimumDays, target <= Self.maximumDays else {
            throw .invalidDate("\(self) + \(days) days is outside 0001-01-01...10000-01-01")
        }
        return CivilDate(uncheckedDays: target)
    }

    /// The same day `months` months later (earlier when negative), clamped to the end of
    /// a shorter month: January 31 + 1 month is February 28, or 29 in a leap year.
    ///
    /// ```swift
    /// try CivilDate(year: 2024, month: 1, day: 31).adding(months: 1)   // 2024-02-29
    /// ```
    ///
    /// - Throws: ``ArithmeticError/invalidDate(_:)`` when the result leaves the supported range.
    /// - Complexity: O(1).
    public func adding(months: Int) throws(ArithmeticError) -> CivilDate {
        let index = year * 12 + (month - 1)
        let (target, overflow) = index.addingReportingOverflow(months)
        let targetYear = target >= 0 ? target / 12 : -1
        guard !overflow, targetYear >= 1, targetYear <= 10000 else {
            throw .invalidDate("\(self) + \(months) months is outside 0001-01-01...10000-01-01")
        }
        let targetMonth = target % 12 + 1
        if targetYear == 10000, targetMonth != 1 || day != 1 {
            throw .invalidDate("\(self) + \(months) months is outside 0001-01-01...10000-01-01")
        }
        let targetDay = min(day, Self.daysInMonth(year: targetYear, month: targetMonth))
        return CivilDate(validYear: targetYear, month: targetMonth, day: targetDay)
    }

    /// `other - self` in days: positive when `other` is later.
    ///
    /// ```swift
    /// try CivilDate(parsing: "2025-12-20").days(until: CivilDate(parsing: "2026-01-10"))   // 21
    /// ```
    @inlinable
    public func days(until other: CivilDate) -> Int {
        Int(other.storedDays) - Int(storedDays)
    }

    /// The first day of this date's month.
    public var startOfMonth: CivilDate {
        CivilDate(validYear: year, month: month, day: 1)
    }

    /// The first day of the next month: the exclusive end of this date's month.
    ///
    /// - Throws: ``ArithmeticError/invalidDate(_:)`` for a date in `10000-01`, whose next
    ///   month is outside the supported range.
    public var startOfNextMonth: CivilDate {
        get throws(ArithmeticError) {
            guard let next = nextMonthStart else {
                throw .invalidDate("the month after \(self) is outside 0001-01-01...10000-01-01")
            }
            return next
        }
    }

    /// The first day of the next month, or `nil` past the supported range.
    @usableFromInline
    var nextMonthStart: CivilDate? {
        if year >= 10000 { return nil }
        return month == 12
            ? CivilDate(validYear: year + 1, month: 1, day: 1)
            : CivilDate(validYear: year, month: month + 1, day: 1)
    }

    /// The last day of this date's month.
    public var endOfMonth: CivilDate {
        CivilDate(validYear: year, month: month, day: daysInMonth)
    }
}

extension CivilDate: Hashable {
    @inlinable
    public static func == (lhs: CivilDate, rhs: CivilDate) -> Bool {
        lhs.storedDays == rhs.storedDays
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storedDays)
    }
}

extension CivilDate: Comparable {
    @inlinable
    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        lhs.storedDays < rhs.storedDays
    }
}

extension CivilDate: CustomStringConvertible {
    /// ISO 8601 calendar date: `"2026-04-01"`.
    public var description: String {
        let yearDigits = year >= 10000 ? 5 : 4
        let length = yearDigits + 6
        return String(unsafeUninitializedCapacity: length) { buffer in
            func put(_ value: Int, at end: Int, width: Int) {
                var value = value
                for offset in stride(from: end - 1, through: end - width, by: -1) {
                    buffer[offset] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
                    value /= 10
                }
            }
            put(year, at: yearDigits, width: yearDigits)
            buffer[yearDigits] = UInt8(ascii: "-")
            put(month, at: yearDigits + 3, width: 2)
            buffer[yearDigits + 3] = UInt8(ascii: "-")
            put(day, at: length, width: 2)
            return length
        }
    }
}
