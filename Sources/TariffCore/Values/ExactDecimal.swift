/// An exact decimal number: `significand × 10^-scale`, with a 64-bit significand and a
/// scale of `0...18` fraction digits.
///
/// Money, prices and quantities are never binary floating point in Tariff. An
/// `ExactDecimal` keeps the scale it was written with (`"64.00"` has scale 2, and prints
/// back as `64.00`), but equality, hashing and ordering are numeric: `64.0 == 64.00`.
///
/// ```swift
/// let price = try ExactDecimal(parsing: "64.00")
/// let total = try price.multiplying(ExactDecimal(10))         // 640.00
/// let share = try price.multiplying(Fraction(22, 30), scale: 2, rounding: .halfUp)  // 46.93
/// ```
///
/// Every operation that could overflow, divide by zero or lose digits throws an
/// ``ArithmeticError``; none of them traps or allocates.
///
/// - Complexity: Arithmetic and comparison are O(1) and allocation-free. Mixed-scale
///   operations widen to `Int128` internally.
public struct ExactDecimal: Sendable {
    /// The largest number of fraction digits: `10^-18` is the smallest step.
    public static let maxScale = 18

    /// The integer whose decimal point is moved left by ``scale`` digits.
    public let significand: Int64
    @usableFromInline
    let storedScale: UInt8

    /// The number of fraction digits, `0...18`.
    @inlinable
    public var scale: Int { Int(storedScale) }

    /// `significand × 10^-scale`.
    ///
    /// ```swift
    /// try ExactDecimal(significand: 6400, scale: 2)   // 64.00
    /// ```
    ///
    /// - Throws: ``ArithmeticError/scaleTooLarge(_:)`` when `scale` is outside `0...18`.
    @inlinable
    public init(significand: Int64, scale: Int) throws(ArithmeticError) {
        guard scale >= 0, scale <= Self.maxScale else { throw .scaleTooLarge(scale) }
        self.significand = significand
        self.storedScale = UInt8(truncatingIfNeeded: scale)
    }

    /// An integer, at scale 0.
    @inlinable
    public init(_ integer: Int64) {
        self.significand = integer
        self.storedScale = 0
    }

    /// Trusted construction: `scale` is already known to be in `0...18`.
    @inlinable @inline(__always)
    init(uncheckedSignificand significand: Int64, scale: UInt8) {
        self.significand = significand
        self.storedScale = scale
    }

    /// Zero, at scale 0.
    public static let zero = ExactDecimal(0)

    @inlinable
    public var isZero: Bool { significand == 0 }

    @inlinable
    public var isNegative: Bool { significand < 0 }

    /// The value as an integer count of `10^-18`: every `ExactDecimal` fits, exactly.
    @inlinable
    var wideAtMaxScale: Int128 {
        Int128(significand) * Int128(DecimalMath.pow10(Self.maxScale - scale))
    }

    /// Both significands brought to the larger scale, in `Int128` (never overflows).
    @inlinable
    static func aligned(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> (Int128, Int128, UInt8) {
        if lhs.storedScale >= rhs.storedScale {
            let factor = Int128(DecimalMath.pow10(Int(lhs.storedScale &- rhs.storedScale)))
            return (Int128(lhs.significand), Int128(rhs.significand) * factor, lhs.storedScale)
        } else {
            let factor = Int128(DecimalMath.pow10(Int(rhs.storedScale &- lhs.storedScale)))
            return (Int128(lhs.significand) * factor, Int128(rhs.significand), rhs.storedScale)
        }
    }

    /// Both significands at the larger scale when that fits `Int64` (the common case).
    @inlinable @inline(__always)
    static func narrowAligned(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> (Int64, Int64)? {
        if lhs.storedScale > rhs.storedScale {
            let (widened, overflow) = rhs.significand.multipliedReportingOverflow(
                by: DecimalMath.pow10(Int(lhs.storedScale &- rhs.storedScale))
            )
            return overflow ? nil : (lhs.significand, widened)
        } else {
            let (widened, overflow) = lhs.significand.multipliedReportingOverflow(
                by: DecimalMath.pow10(Int(rhs.storedScale &- lhs.storedScale))
            )
            return overflow ? nil : (widened, rhs.significand)
        }
    }

    /// The same value with the fewest fraction digits: `64.00` becomes `64`.
    ///
    /// - Complexity: O(scale).
    public var normalized: ExactDecimal {
        var value = significand
        var digits = storedScale
        while digits > 0, value % 10 == 0 {
            value /= 10
            digits &-= 1
        }
        return ExactDecimal(uncheckedSignificand: value, scale: digits)
    }
}

extension ExactDecimal: Hashable {
    /// Numeric equality: `64.0 == 64.00`.
    @inlinable
    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if lhs.storedScale == rhs.storedScale { return lhs.significand == rhs.significand }
        if let (left, right) = narrowAligned(lhs, rhs) { return left == right }
        let (left, right, _) = aligned(lhs, rhs)
        return left == right
    }

    /// Hashes the numeric value, so `64.0` and `64.00` hash alike.
    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(wideAtMaxScale)
    }
}

extension ExactDecimal: Comparable {
    @inlinable
    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if lhs.storedScale == rhs.storedScale { return lhs.significand < rhs.significand }
        if let (left, right) = narrowAligned(lhs, rhs) { return left < right }
        let (left, right, _) = aligned(lhs, rhs)
        return left < right
    }
}

extension ExactDecimal: CustomStringConvertible {
    /// Plain notation that keeps the scale: `"64.00"`, `"-0.5"`, `"0"`. Never exponents.
    ///
    /// - Complexity: O(1); one string allocation at most (short strings are stored inline).
    public var description: String {
        let negative = significand < 0
        var magnitude = significand.magnitude
        var digitCount = 1
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            digitCount += 1
        }
        let fractionDigits = scale
        let integerDigits = max(digitCount - fractionDigits, 1)
        let length = (negative ? 1 : 0) + integerDigits + (fractionDigits > 0 ? 1 + fractionDigits : 0)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var index = length
            var written = 0
            // Fraction digits, then the point, then integer digits, right to left.
            while written < fractionDigits {
                index -= 1
                buffer[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
                written += 1
            }
            if fractionDigits > 0 {
                index -= 1
                buffer[index] = UInt8(ascii: ".")
            }
            repeat {
                index -= 1
                buffer[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if negative {
                index -= 1
                buffer[index] = UInt8(ascii: "-")
            }
            return length
        }
    }
}
