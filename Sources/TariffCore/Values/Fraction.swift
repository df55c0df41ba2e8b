/// An exact rational number, always in lowest terms with a positive denominator.
///
/// Proration produces fractions (`22/30`, `27/31 + 30/30`); they stay exact until a
/// price is multiplied by them and rounded once, with
/// ``ExactDecimal/multiplying(_:scale:rounding:)``.
///
/// ```swift
/// let part = try Fraction(22, 30)            // 11/15
/// let sum = try Fraction(27, 31).adding(.one) // 58/31
/// try sum.decimal(scale: 4, rounding: .halfEven)   // 1.8710
/// ```
///
/// Equality and hashing are those of the reduced form, so they are numeric.
public struct Fraction: Sendable, Hashable {
    /// Carries the sign; shares no factor with ``denominator``.
    public let numerator: Int64
    /// Always positive.
    public let denominator: Int64

    /// `numerator / denominator`, reduced.
    ///
    /// - Throws: ``ArithmeticError/divisionByZero(_:)`` when `denominator` is zero,
    ///   ``ArithmeticError/overflow(_:)`` when the reduced form cannot have a positive
    ///   64-bit denominator (as in `1 / Int64.min`).
    /// - Complexity: O(log min(|numerator|, |denominator|)) for the gcd.
    @inlinable
    public init(_ numerator: Int64, _ denominator: Int64) throws(ArithmeticError) {
        guard denominator != 0 else { throw .divisionByZero("\(numerator)/\(denominator)") }
        guard let reduced = Self.reduced(Int128(numerator), Int128(denominator)) else {
            throw .overflow("\(numerator)/\(denominator)")
        }
        self = reduced
    }

    /// A whole number.
    @inlinable
    public init(_ integer: Int64) {
        self.init(uncheckedNumerator: integer, denominator: 1)
    }

    /// Trusted construction from an already reduced pair.
    @inlinable @inline(__always)
    init(uncheckedNumerator numerator: Int64, denominator: Int64) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public static let zero = Fraction(0)
    public static let one = Fraction(1)

    @inlinable
    public var isZero: Bool { numerator == 0 }

    @inlinable
    public var isNegative: Bool { numerator < 0 }

    /// `self + other`, reduced.
    ///
    /// - Throws: ``ArithmeticError/overflow(_:)`` when the reduced sum does not fit 64 bits.
    /// - Complexity: O(log n) for the gcd; no allocation unless it throws.
    @inlinable
    public func adding(_ other: Fraction) throws(ArithmeticError) -> Fraction {
        if denominator == 1, other.denominator == 1 {
            let (sum, overflow) = numerator.addingReportingOverflow(other.numerator)
            if !overflow { return Fraction(uncheckedNumerator: sum, denominator: 1) }
        }
        // Each product is below 2^126, so the sum stays below 2^127.
        let top = Int128(numerator) * Int128(other.denominator) + Int128(other.numerator) * Int128(denominator)
        let bottom = Int128(denominator) * Int128(other.denominator)
        guard let result = Self.reduced(top, bottom) else { throw .overflow("\(self) + \(other)") }
        return result
    }

    /// `self - other`, reduced.
    ///
    /// - Throws: ``ArithmeticError/overflow(_:)`` when the reduced difference does not fit 64 bits.
    @inlinable
    public func subtracting(_ other: Fraction) throws(ArithmeticError) -> Fraction {
        let top = Int128(numerator) * Int128(other.denominator) - Int128(other.numerator) * Int128(denominator)
        let bottom = Int128(denominator) * Int128(other.denominator)
        guard let result = Self.reduced(top, bottom) else { throw .overflow("\(self) - \(other)") }
        return result
    }

    /// `self × other`, reduced.
    ///
    /// - Throws: ``ArithmeticError/overflow(_:)`` when the reduced product does not fit 64 bits.
    @inlinable
    public func multiplying(_ other: Fraction) throws(ArithmeticError) -> Fraction {
        let top = Int128(numerator) * Int128(other.numerator)
        let bottom = Int128(denominator) * Int128(other.denominator)
        guard let result = Self.reduced(top, bottom) else { throw .overflow("\(self) * \(other)") }
        return result
    }

    /// The fraction as a decimal with `scale` fraction digits, rounded once.
    ///
    /// ```swift
    /// try Fraction(2, 3).decimal(scale: 4, rounding: .halfUp)   // 0.6667
    /// try Fraction(1, 8).decimal(scale: 2, rounding: .halfEven) // 0.12
    /// ```
    ///
    /// - Throws: ``ArithmeticError/scaleTooLarge(_:)`` for a scale outside `0...18`,
    ///   ``ArithmeticError/overflow(_:)`` when the result does not fit 64 bits.
    @inlinable
    public func decimal(scale: Int, rounding: RoundingMode) throws(ArithmeticError) -> ExactDecimal {
        try ExactDecimal(numerator).multiplying(
            Fraction(uncheckedNumerator: 1, denominator: denominator), scale: scale, rounding: rounding
        )
    }

    /// Reduces `top / bottom` (bottom non-zero) to lowest terms with a positive
    /// denominator, or `nil` when that does not fit 64 bits.
    @inlinable
    static func reduced(_ top: Int128, _ bottom: Int128) -> Fraction? {
        let divisor = DecimalMath.gcd(top.magnitude, bottom.magnitude)
        guard divisor != 0 else { return nil }
        // gcd(0, b) == b, so zero always reduces to 0/1.
        let topMagnitude = top.magnitude / divisor
        let bottomMagnitude = bottom.magnitude / divisor
        let negative = (top < 0) != (bottom < 0) && topMagnitude != 0
        guard let denominator = Int64(exactly: bottomMagnitude) else { return nil }
        let numerator: Int64
        if negative {
            guard topMagnitude <= UInt128(Int64.min.magnitude) else { return nil }
            numerator = Int64(truncatingIfNeeded: 0 &- Int128(topMagnitude))
        } else {
            guard let value = Int64(exactly: topMagnitude) else { return nil }
            numerator = value
        }
        return Fraction(uncheckedNumerator: numerator, denominator: denominator)
    }
}

extension Fraction: Comparable {
    @inlinable
    public static func < (lhs: Fraction, rhs: Fraction) -> Bool {
        // Denominators are positive, so cross-multiplying keeps the order; |products| < 2^126.
        Int128(lhs.numerator) * Int128(rhs.denominator) < Int128(rhs.numerator) * Int128(lhs.denominator)
    }
}

extension Fraction: CustomStringConvertible {
    /// `"11/15"`, `"-1/2"`; a whole number prints without a denominator: `"1"`.
    public var description: String {
        denominator == 1 ? String(numerator) : "\(numerator)/\(denominator)"
    }
}
