extension ExactDecimal {
    /// `-self`.
    ///
    /// - Throws: ``ArithmeticError/overflow(_:)`` for the one significand without a
    ///   negation, `Int64.min`.
    @inlinable
    public func negated() throws(ArithmeticError) -> ExactDecimal {
        let (value, overflow) = Int64(0).subtractingReportingOverflow(significand)
        if overflow { throw Self.overflow("-(\(self))") }
        return ExactDecimal(uncheckedSignificand: value, scale: storedScale)
    }

    /// `self + other`, exactly, at the larger of the two scales.
    ///
    /// ```swift
    /// try ExactDecimal(parsing: "1.5").adding(ExactDecimal(parsing: "0.25"))   // 1.75
    /// ```
    ///
    /// If the sum does not fit at the larger scale but does once trailing zeros are
    /// dropped (`9000000000000000000 + 0.0`), the smaller scale is returned: the result is
    /// always exact.
    ///
    /// - Throws: ``ArithmeticError/overflow(_:)`` when the sum does not fit 64 bits.
    /// - Complexity: O(1); allocation-free unless it throws.
    @inlinable
    public func adding(_ other: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        if storedScale == other.storedScale {
            let (sum, overflow) = significand.addingReportingOverflow(other.significand)
            if !overflow { return ExactDecimal(uncheckedSignificand: sum, scale: storedScale) }
        }
        let (left, right, scale) = Self.aligned(self, other)
        // Each side is below 2^63 · 10^18 < 2^123, so the sum cannot overflow Int128.
        guard let result = Self.fitting(left + right, scale: Int(scale)) else {
            throw Self.overflow("\(self) + \(other)")
        }
        return result
    }

    /// `self - other`, exactly, at the larger of the two scales.
    ///
    /// - Throws: ``ArithmeticError/overflow(_:)`` when the difference does not fit 64 bits.
    /// - Complexity: O(1); allocation-free unless it throws.
    @inlinable
    public func subtracting(_ other: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        if storedScale == other.storedScale {
            let (difference, overflow) = significand.subtractingReportingOverflow(other.significand)
            if !overflow { return ExactDecimal(uncheckedSignificand: difference, scale: storedScale) }
        }
        let (left, right, scale) = Self.aligned(self, other)
        guard let result = Self.fitting(left - right, scale: Int(scale)) else {
            throw Self.overflow("\(self) - \(other)")
        }
        return result
    }

    /// `self × other`, exactly; the scale is the sum of the scales (`1.5 × 0.25 = 0.375`).
    ///
    /// When that sum exceeds 18, or the significand does not fit, trailing zeros are
    /// dropped to make it fit (`0.0000000001 × 10.0000000000` is `0.000000001`).
    ///
    /// - Throws: ``ArithmeticError/scaleTooLarge(_:)`` when the exact product needs more
    ///   than 18 fraction digits, ``ArithmeticError/overflow(_:)`` when it is too large.
    ///   Use ``multiplying(_:scale:rounding:)`` or ``rounded(scale:mode:)``
    ///   to round instead.
    /// - Complexity: O(1); allocation-free unless it throws.
    @inlinable
    public func multiplying(_ other: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        let scale = Int(storedScale) + Int(other.storedScale)
        if scale <= Self.maxScale {
            let (product, overflow) = significand.multipliedReportingOverflow(by: other.significand)
            if !overflow { return ExactDecimal(uncheckedSignificand: product, scale: UInt8(truncatingIfNeeded: scale)) }
        }
        // |a·b| <= 2^126, always representable in Int128.
        let product = Int128(significand) * Int128(other.significand)
        guard let result = Self.fitting(product, scale: scale) else {
            throw Self.multiplicationError(self, other, product: product, scale: scale)
        }
        return result
    }

    /// `self ÷ other`, rounded once to `scale` fraction digits with `rounding`.
    ///
    /// ```swift
    /// try ExactDecimal(64).dividing(ExactDecimal(30), scale: 4, rounding: .halfEven)   // 2.1333
    /// ```
    ///
    /// - Throws: ``ArithmeticError/divisionByZero(_:)``, ``ArithmeticError/scaleTooLarge(_:)``
    ///   for a scale outside `0...18`, ``ArithmeticError/overflow(_:)``.
    /// - Complexity: O(1); an `Int64` division when the operands allow, `Int128` otherwise.
    @inlinable
    public func dividing(
        _ other: ExactDecimal, scale: Int, rounding: RoundingMode
    ) throws(ArithmeticError) -> ExactDecimal {
        guard scale >= 0, scale <= Self.maxScale else { throw .scaleTooLarge(scale) }
        guard other.significand != 0 else { throw .divisionByZero("\(self) / \(other)") }
        // self/other at `scale` = sig · 10^(other.scale + scale - self.scale) / other.sig
        let exponent = Int(other.storedScale) + scale - Int(storedScale)
        let resultScale = UInt8(truncatingIfNeeded: scale)
        if exponent >= 0, exponent <= Self.maxScale {
            let (numerator, overflow) = significand.multipliedReportingOverflow(by: DecimalMath.pow10(exponent))
            if !overflow, let quotient = DecimalMath.divide(numerator, by: other.significand, rounding: rounding) {
                return ExactDecimal(uncheckedSignificand: quotient, scale: resultScale)
            }
        }
        var numerator = Int128(significand)
        var denominator = Int128(other.significand)
        if exponent >= 0 {
            // If this overflows Int128, the quotient exceeds 2^127 / 2^63 and cannot fit Int64.
            let (scaled, overflow) = numerator.multipliedReportingOverflow(by: DecimalMath.pow10Wide(exponent))
            if overflow { throw Self.overflow("\(self) / \(other)") }
            numerator = scaled
        } else {
            denominator *= DecimalMath.pow10Wide(-exponent)   // < 2^63 · 10^18: fits
        }
        guard let quotient = DecimalMath.divide(numerator, by: denominator, rounding: rounding),
              let narrow = Int64(exactly: quotient)
        else { throw Self.overflow("\(self) / \(other)") }
        return ExactDecimal(uncheckedSignificand: narrow, scale: resultScale)
    }

    /// `self × fraction`, computed exactly as `(significand × numerator) / denominator` in
    /// `Int128` and rounded once to `scale` with `rounding`.
    ///
    /// This is how a prorated price is computed: `64.00 × 22/30` is `46.93` at scale 2
    /// half-up, never `64.00 × 0.7333…`.
    ///
    /// ```swift
    /// try ExactDecimal(parsing: "64.00").multiplying(Fraction(22, 30), scale: 2, rounding: .halfUp)  // 46.93
    /// ```
    ///
    /// - Throws: ``ArithmeticError/scaleTooLarge(_:)`` for a scale outside `0...18`,
    ///   ``ArithmeticError/overflow(_:)`` when the rounded result does not fit.
    /// - Complexity: O(1); an `Int64` division when the operands allow, `Int128` otherwise.
    @inlinable
    public func multiplying(
        _ fraction: Fraction, scale: Int, rounding: RoundingMode
    ) throws(ArithmeticError) -> ExactDecimal {
        guard scale >= 0, scale <= Self.maxScale else { throw .scaleTooLarge(scale) }
        let exponent = scale - Int(storedScale)
        let resultScale = UInt8(truncatingIfNeeded: scale)
        if exponent >= 0 {
            let (product, overflow1) = significand.multipliedReportingOverflow(by: fraction.numerator)
            let (numerator, overflow2) = product.multipliedReportingOverflow(by: DecimalMath.pow10(exponent))
            if !overflow1, !overflow2,
               let quotient = DecimalMath.divide(numerator, by: fraction.denominator, rounding: rounding)
            {
                return ExactDecimal(uncheckedSignificand: quotient, scale: resultScale)
            }
        }
        // |sig · num| <= 2^126: fits Int128.
        var numerator = Int128(significand) * Int128(fraction.numerator)
        var denominator = Int128(fraction.denominator)
        if exponent >= 0 {
            let (scaled, overflow) = numerator.multipliedReportingOverflow(by: Int128(DecimalMath.pow10(exponent)))
            if overflow { throw Self.overflow("\(self) * \(fraction)") }
            numerator = scaled
        } else {
            denominator *= Int128(DecimalMath.pow10(-exponent))
        }
        guard let quotient = DecimalMath.divide(numerator, by: denominator, rounding: rounding),
              let narrow = Int64(exactly: quotient)
        else { throw Self.overflow("\(self) * \(fraction)") }
        return ExactDecimal(uncheckedSignificand: narrow, scale: resultScale)
    }

    /// The value rounded to `scale` fraction digits with `mode`; a larger scale pads
    /// with zeros (`2.5` to scale 3 is `2.500`).
    ///
    /// ```swift
    /// try ExactDecimal(parsing: "2.45").rounded(scale: 1, mode: .halfEven)   // 2.4
    /// try ExactDecimal(parsing: "-2.5").rounded(scale: 0, mode: .halfUp)     // -3
    /// ```
    ///
    /// - Throws: ``ArithmeticError/scaleTooLarge(_:)`` for a scale outside `0...18`,
    ///   ``ArithmeticError/overflow(_:)`` when padding does not fit 64 bits.
    /// - Complexity: O(1); allocation-free unless it throws.
    @inlinable
    public func rounded(scale: Int, mode: RoundingMode) throws(ArithmeticError) -> ExactDecimal {
        guard scale >= 0, scale <= Self.maxScale else { throw .scaleTooLarge(scale) }
        // Already at that scale (an amount in cents rounded to cents): nothing to do.
        if scale == self.scale { return self }
        if scale > self.scale { return try rescaled(to: scale) }
        let divisor = DecimalMath.pow10(self.scale - scale)
        // The divisor is at least 10, so the division cannot overflow.
        let quotient = DecimalMath.divide(significand, by: divisor, rounding: mode) ?? 0
        return ExactDecimal(uncheckedSignificand: quotient, scale: UInt8(truncatingIfNeeded: scale))
    }

    /// The same value written with `scale` fraction digits, exactly: `64` to scale 2 is
    /// `64.00`, and `1.50` to scale 1 is `1.5`.
    ///
    /// - Throws: ``ArithmeticError/inexact(_:)`` when non-zero digits would be dropped
    ///   (`1.25` to scale 1; use ``rounded(scale:mode:)``), ``ArithmeticError/overflow(_:)``
    ///   when the padded significand does not fit, ``ArithmeticError/scaleTooLarge(_:)``
    ///   for a scale outside `0...18`.
    /// - Complexity: O(1); allocation-free unless it throws.
    @inlinable
    public func rescaled(to scale: Int) throws(ArithmeticError) -> ExactDecimal {
        guard scale >= 0, scale <= Self.maxScale else { throw .scaleTooLarge(scale) }
        let newScale = UInt8(truncatingIfNeeded: scale)
        if scale >= self.scale {
            let (value, overflow) = significand.multipliedReportingOverflow(by: DecimalMath.pow10(scale - self.scale))
            if overflow { throw Self.overflow("\(self) at scale \(scale)") }
            return ExactDecimal(uncheckedSignificand: value, scale: newScale)
        }
        let divisor = DecimalMath.pow10(self.scale - scale)
        let (quotient, remainder) = significand.quotientAndRemainder(dividingBy: divisor)
        if remainder != 0 { throw .inexact("rescaling \(self) to scale \(scale)") }
        return ExactDecimal(uncheckedSignificand: quotient, scale: newScale)
    }

    // MARK: - Helpers

    /// `value × 10^-scale` as an `ExactDecimal`, dropping trailing zeros only as far as
    /// needed for the scale to be at most 18 and the significand to fit 64 bits.
    @inlinable
    static func fitting(_ value: Int128, scale: Int) -> ExactDecimal? {
        var value = value
        var scale = scale
        while scale > 0, scale > maxScale || Int64(exactly: value) == nil, value % 10 == 0 {
            value /= 10
            scale -= 1
        }
        guard scale <= maxScale, let narrow = Int64(exactly: value) else { return nil }
        return ExactDecimal(uncheckedSignificand: narrow, scale: UInt8(truncatingIfNeeded: scale))
    }

    @usableFromInline
    static func overflow(_ what: String) -> ArithmeticError {
        .overflow(what)
    }

    /// Tells a product that needs too many fraction digits from one that is too large.
    @usableFromInline
    static func multiplicationError(
        _ lhs: ExactDecimal, _ rhs: ExactDecimal, product: Int128, scale: Int
    ) -> ArithmeticError {
        var value = product
        var digits = scale
        while digits > maxScale, value % 10 == 0 {
            value /= 10
            digits -= 1
        }
        if digits > maxScale { return .scaleTooLarge(digits) }
        return .overflow("\(lhs) * \(rhs)")
    }
}
