/// An exact amount in one currency.
///
/// Amounts of different currencies never mix: adding, subtracting or comparing them
/// throws ``ArithmeticError/currencyMismatch(_:_:)``. That is why `Money` is not
/// `Comparable`; use ``compare(_:)``. Equality is numeric within a currency
/// (`64.0 EUR == 64.00 EUR`) and `false` across currencies.
///
/// ```swift
/// let price = Money(try ExactDecimal(parsing: "64.00"), .eur)
/// let share = try price.multiplying(Fraction(22, 30), rounding: .halfUp)   // 46.93 EUR
/// let total = try price.multiplying(ExactDecimal(10)).adding(share)      // 686.93 EUR
/// ```
public struct Money: Sendable, Hashable {
    public let amount: ExactDecimal
    public let currency: Currency

    @inlinable
    public init(_ amount: ExactDecimal, _ currency: Currency) {
        self.amount = amount
        self.currency = currency
    }

    /// Zero in `currency`, at its minor-unit scale (`0.00 EUR`, `0 JPY`).
    @inlinable
    public static func zero(_ currency: Currency) -> Money {
        Money(ExactDecimal(uncheckedSignificand: 0, scale: currency.storedMinorUnits), currency)
    }

    @inlinable
    public var isZero: Bool { amount.isZero }

    @inlinable
    public var isNegative: Bool { amount.isNegative }

    /// `-self`.
    ///
    /// - Throws: ``ArithmeticError/overflow(_:)`` for the significand `Int64.min`.
    @inlinable
    public func negated() throws(ArithmeticError) -> Money {
        Money(try amount.negated(), currency)
    }

    /// `self + other`, exactly.
    ///
    /// - Throws: ``ArithmeticError/currencyMismatch(_:_:)`` or ``ArithmeticError/overflow(_:)``.
    /// - Complexity: O(1); allocation-free unless it throws.
    @inlinable
    public func adding(_ other: Money) throws(ArithmeticError) -> Money {
        guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
        return Money(try amount.adding(other.amount), currency)
    }

    /// `self - other`, exactly.
    ///
    /// - Throws: ``ArithmeticError/currencyMismatch(_:_:)`` or ``ArithmeticError/overflow(_:)``.
    @inlinable
    public func subtracting(_ other: Money) throws(ArithmeticError) -> Money {
        guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
        return Money(try amount.subtracting(other.amount), currency)
    }

    /// `self × factor`, exactly and unrounded (`64.00 × 1.5 = 96.000`); round with
    /// ``rounded(_:)`` where the rules say so.
    ///
    /// - Throws: ``ArithmeticError/overflow(_:)`` or ``ArithmeticError/scaleTooLarge(_:)``.
    @inlinable
    public func multiplying(_ factor: ExactDecimal) throws(ArithmeticError) -> Money {
        Money(try amount.multiplying(factor), currency)
    }

    /// `self × fraction`, rounded once to the currency's minor units.
    ///
    /// ```swift
    /// try Money(ExactDecimal(64), .eur).multiplying(Fraction(29, 30), rounding: .halfUp)   // 61.87 EUR
    /// ```
    ///
    /// - Throws: ``ArithmeticError/overflow(_:)``.
    @inlinable
    public func multiplying(_ fraction: Fraction, rounding: RoundingMode) throws(ArithmeticError) -> Money {
        Money(try amount.multiplying(fraction, scale: currency.minorUnits, rounding: rounding), currency)
    }

    /// The amount rounded to the currency's minor units (`46.9333 EUR` → `46.93 EUR`);
    /// an amount with fewer digits is padded (`64 EUR` → `64.00 EUR`).
    ///
    /// - Throws: ``ArithmeticError/overflow(_:)`` when padding does not fit 64 bits.
    @inlinable
    public func rounded(_ mode: RoundingMode) throws(ArithmeticError) -> Money {
        Money(try amount.rounded(scale: currency.minorUnits, mode: mode), currency)
    }

    /// The amount rounded to `scale` fraction digits, for rules that round finer or
    /// coarser than the currency (unit prices to 4 digits, totals to whole units).
    ///
    /// - Throws: ``ArithmeticError/scaleTooLarge(_:)`` or ``ArithmeticError/overflow(_:)``.
    @inlinable
    public func rounded(scale: Int, mode: RoundingMode) throws(ArithmeticError) -> Money {
        Money(try amount.rounded(scale: scale, mode: mode), currency)
    }

    /// `-1`, `0` or `1` as `self` is less than, equal to or greater than `other`.
    ///
    /// - Throws: ``ArithmeticError/currencyMismatch(_:_:)``.
    @inlinable
    public func compare(_ other: Money) throws(ArithmeticError) -> Int {
        guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
        if amount < other.amount { return -1 }
        return amount == other.amount ? 0 : 1
    }

    /// The amount at the currency's scale: `"64.00"`, `"1122.47"`, JPY `"120"`.
    ///
    /// Fewer digits are padded with zeros. Extra digits are shown only when they are not
    /// zero (`46.9333` stays `46.9333`): formatting never rounds silently. Round first
    /// with ``rounded(_:)`` to print a billed amount.
    public var formatted: String {
        let minorUnits = currency.minorUnits
        if amount.scale > minorUnits {
            var significand = amount.significand
            var scale = amount.scale
            while scale > minorUnits, significand % 10 == 0 {
                significand /= 10
                scale -= 1
            }
            return ExactDecimal(uncheckedSignificand: significand, scale: UInt8(truncatingIfNeeded: scale)).description
        }
        var text = amount.description
        let missing = minorUnits - amount.scale
        if missing > 0 {
            if amount.scale == 0 { text.append(".") }
            text.append(String(repeating: "0", count: missing))
        }
        return text
    }
}

extension Money: CustomStringConvertible {
    /// `"64.00 EUR"`.
    public var description: String {
        formatted + " " + currency.code
    }
}
