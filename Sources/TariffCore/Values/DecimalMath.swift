/// Integer kernels shared by the exact value types: powers of ten, rounded division,
/// greatest common divisors. Everything here is allocation-free and never traps.
@usableFromInline
enum DecimalMath {
    /// `10^exponent` for `exponent` in `0...18`: every power of ten that fits an `Int64`.
    ///
    /// A `switch` rather than a static array: the compiler turns it into a constant table
    /// with no lazy-initialization check and no bounds check on the hot path.
    @inlinable @inline(__always)
    static func pow10(_ exponent: Int) -> Int64 {
        switch exponent {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1_000
        case 4: 10_000
        case 5: 100_000
        case 6: 1_000_000
        case 7: 10_000_000
        case 8: 100_000_000
        case 9: 1_000_000_000
        case 10: 10_000_000_000
        case 11: 100_000_000_000
        case 12: 1_000_000_000_000
        case 13: 10_000_000_000_000
        case 14: 100_000_000_000_000
        case 15: 1_000_000_000_000_000
        case 16: 10_000_000_000_000_000
        case 17: 100_000_000_000_000_000
        default: 1_000_000_000_000_000_000
        }
    }

    /// `10^exponent` as an `Int128`, for `exponent` in `0...36`.
    @inlinable
    static func pow10Wide(_ exponent: Int) -> Int128 {
        if exponent <= 18 { return Int128(pow10(exponent)) }
        return Int128(pow10(18)) * Int128(pow10(exponent - 18))
    }

    /// `numerator / denominator` rounded with `mode`, or `nil` when the denominator is
    /// zero or the quotient does not fit `T` (only `T.min / -1`).
    ///
    /// - Complexity: O(1): one division and a few comparisons.
    @inlinable
    static func divide<T: FixedWidthInteger & SignedInteger>(
        _ numerator: T, by denominator: T, rounding mode: RoundingMode
    ) -> T? {
        let (quotient, overflowQ) = numerator.dividedReportingOverflow(by: denominator)
        let (remainder, overflowR) = numerator.remainderReportingOverflow(dividingBy: denominator)
        if overflowQ || overflowR || denominator == 0 { return nil }
        if remainder == 0 { return quotient }
        let negative = (numerator < 0) != (denominator < 0)
        let awayFromZero: Bool
        switch mode {
        case .down: awayFromZero = false
        case .up: awayFromZero = true
        case .ceiling: awayFromZero = !negative
        case .floor: awayFromZero = negative
        case .halfUp, .halfDown, .halfEven:
            // |remainder| < |denominator| <= 2^(bitWidth-1), so twice it fits the magnitude type.
            let twice = remainder.magnitude &<< 1
            let whole = denominator.magnitude
            if twice > whole {
                awayFromZero = true
            } else if twice < whole {
                awayFromZero = false
            } else {
                switch mode {
                case .halfUp: awayFromZero = true
                case .halfDown: awayFromZero = false
                default: awayFromZero = quotient & 1 != 0
                }
            }
        }
        // A non-zero remainder means |denominator| >= 2, so |quotient| <= T.max / 2: no overflow.
        guard awayFromZero else { return quotient }
        return negative ? quotient - 1 : quotient + 1
    }

    /// Greatest common divisor of two magnitudes; `gcd(0, 0) == 0`.
    @inlinable
    static func gcd<U: FixedWidthInteger & UnsignedInteger>(_ a: U, _ b: U) -> U {
        var x = a
        var y = b
        while y != 0 {
            (x, y) = (y, x % y)
        }
        return x
    }
}
