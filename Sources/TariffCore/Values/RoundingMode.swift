/// How a decimal is rounded to fewer fraction digits.
///
/// The raw values are the names used in rule files (`rounding: { mode: half-up }`).
///
/// | mode        | 2.5 | -2.5 | 2.4 | -2.6 | meaning                         |
/// |-------------|-----|------|-----|------|---------------------------------|
/// | `halfUp`    | 3   | -3   | 2   | -3   | nearest; ties away from zero    |
/// | `halfEven`  | 2   | -2   | 2   | -3   | nearest; ties to the even digit |
/// | `halfDown`  | 2   | -2   | 2   | -3   | nearest; ties toward zero       |
/// | `up`        | 3   | -3   | 3   | -3   | away from zero                  |
/// | `down`      | 2   | -2   | 2   | -2   | toward zero (truncate)          |
/// | `ceiling`   | 3   | -2   | 3   | -2   | toward positive infinity        |
/// | `floor`     | 2   | -3   | 2   | -3   | toward negative infinity        |
///
/// ```swift
/// let price = try ExactDecimal(parsing: "2.345")
/// try price.rounded(scale: 2, mode: .halfEven)   // 2.34
/// RoundingMode(rawValue: "half-up")             // .halfUp
/// ```
public enum RoundingMode: String, Sendable, Hashable, CaseIterable {
    /// Round to nearest; a tie goes away from zero (commercial rounding).
    case halfUp = "half-up"
    /// Round to nearest; a tie goes to the even neighbour (banker's rounding).
    case halfEven = "half-even"
    /// Round to nearest; a tie goes toward zero.
    case halfDown = "half-down"
    /// Away from zero.
    case up
    /// Toward zero: truncation.
    case down
    /// Toward positive infinity.
    case ceiling
    /// Toward negative infinity.
    case floor
}
