extension ExactDecimal {
    /// Reads a decimal literal strictly, keeping the written scale.
    ///
    /// The grammar is an optional `-` or `+`, one or more digits, and optionally a `.`
    /// followed by one to eighteen digits. Anything else is rejected with a reason: no
    /// exponents (`1e3`), no grouping (`1,5`, `1_000`), no spaces, no `NaN`, no bare
    /// point (`.5`, `1.`).
    ///
    /// ```swift
    /// try ExactDecimal(parsing: "64.00").scale   // 2
    /// try ExactDecimal(parsing: "-0.5")          // -0.5
    /// try ExactDecimal(parsing: "1e3")           // throws: exponent notation is not supported
    /// ```
    ///
    /// - Parameter text: The literal, as read from a rule file or a snapshot.
    /// - Throws: ``DecimalParseError`` naming the text and the reason, including values
    ///   whose significand does not fit 64 bits and more than 18 fraction digits.
    /// - Complexity: O(n) in the length of `text`; no allocation unless it throws.
    public init(parsing text: some StringProtocol) throws(DecimalParseError) {
        var magnitude: UInt64 = 0
        var negative = false
        var integerDigits = 0
        var fractionDigits = 0
        var sawPoint = false
        var tooLarge = false
        var position = 0
        for byte in text.utf8 {
            defer { position += 1 }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if sawPoint { fractionDigits += 1 } else { integerDigits += 1 }
                let (shifted, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = shifted.addingReportingOverflow(UInt64(byte &- UInt8(ascii: "0")))
                if overflow1 || overflow2 { tooLarge = true }
                magnitude = sum
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                guard position == 0 else {
                    throw Self.parseError(text, "a sign is allowed only at the start")
                }
                negative = byte == UInt8(ascii: "-")
            case UInt8(ascii: "."):
                if sawPoint { throw Self.parseError(text, "more than one '.'") }
                if integerDigits == 0 { throw Self.parseError(text, "expected a digit before '.'") }
                sawPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                throw Self.parseError(
                    text, integerDigits > 0 ? "exponent notation is not supported" : Self.unexpected(in: text)
                )
            case UInt8(ascii: ","):
                throw Self.parseError(text, "unexpected ','; the decimal separator is '.' and digits are not grouped")
            case UInt8(ascii: "_"), UInt8(ascii: "'"):
                throw Self.parseError(text, "digit separators are not allowed")
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw Self.parseError(text, "unexpected whitespace")
            default:
                throw Self.parseError(text, Self.unexpected(in: text))
            }
        }
        if position == 0 { throw Self.parseError(text, "empty text; expected digits") }
        if integerDigits == 0 { throw Self.parseError(text, "expected digits after the sign") }
        if sawPoint, fractionDigits == 0 { throw Self.parseError(text, "expected a digit after '.'") }
        if fractionDigits > Self.maxScale {
            throw Self.parseError(
                text, "\(fractionDigits) fraction digits; at most \(Self.maxScale) are supported"
            )
        }
        let limit = negative ? Int64.min.magnitude : UInt64(Int64.max)
        if tooLarge || magnitude > limit {
            throw Self.parseError(text, "too many digits: the significand must fit in 64 bits (at most 19 digits)")
        }
        self.init(
            uncheckedSignificand: negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(magnitude),
            scale: UInt8(truncatingIfNeeded: fractionDigits)
        )
    }

    private static func parseError(_ text: some StringProtocol, _ reason: String) -> DecimalParseError {
        DecimalParseError(text: String(text), reason: reason)
    }

    /// The reason for the first character that cannot appear in a decimal literal.
    private static func unexpected(in text: some StringProtocol) -> String {
        let lowered = text.lowercased()
        if ["nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"].contains(lowered) {
            return "not a finite number; expected digits"
        }
        let allowed = Set("0123456789+-.")
        guard let character = text.first(where: { !allowed.contains($0) }) else {
            return "unexpected character"
        }
        return "unexpected character '\(character)'"
    }
}
