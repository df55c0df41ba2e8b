/// Why an exact computation on decimals, money, fractions or dates could not be done.
///
/// The value types never trap: an overflow, a division by zero or an impossible date is
/// reported as one of these, with enough text to say which operation failed.
///
/// ```swift
/// do {
///     _ = try ExactDecimal(Int64.max).adding(ExactDecimal(1))
/// } catch {
///     print(error)   // "Overflow: 9223372036854775807 + 1 does not fit in a 64-bit significand."
/// }
/// ```
public enum ArithmeticError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A result does not fit its representation. The payload names the operation,
    /// such as `"64.00 * 9223372036854775807"`.
    case overflow(String)
    /// A division, fraction or rounding had a zero divisor. The payload names the operation.
    case divisionByZero(String)
    /// Two amounts of different currencies were combined or compared.
    case currencyMismatch(Currency, Currency)
    /// A scale outside `0...ExactDecimal.maxScale` was asked for, or an exact result
    /// needs more fraction digits than `ExactDecimal.maxScale`.
    case scaleTooLarge(Int)
    /// A date that does not exist or lies outside the supported range, or an interval
    /// whose end comes before its start. The payload says which.
    case invalidDate(String)
    /// An exact operation would have to drop non-zero digits, as in rescaling `1.25` to
    /// one fraction digit. Round with a ``RoundingMode`` instead. The payload names the operation.
    case inexact(String)

    /// A readable sentence, suitable for a diagnostic or a trace.
    public var description: String {
        switch self {
        case let .overflow(what):
            "Overflow: \(what) does not fit in a 64-bit significand."
        case let .divisionByZero(what):
            "Division by zero: \(what)."
        case let .currencyMismatch(left, right):
            "Currency mismatch: cannot combine \(left.code) with \(right.code)."
        case let .scaleTooLarge(scale):
            "Scale \(scale) is outside the supported range 0...\(ExactDecimal.maxScale)."
        case let .invalidDate(what):
            "Invalid date: \(what)."
        case let .inexact(what):
            "Rounding needed: \(what) would lose digits; round it with a rounding mode instead."
        }
    }
}
