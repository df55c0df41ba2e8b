extension CivilDate {
    /// Reads an ISO 8601 calendar date, strictly `YYYY-MM-DD`.
    ///
    /// Exactly four year digits (`0001...9999`), two month digits and two day digits,
    /// separated by `-`; the date must exist.
    ///
    /// ```swift
    /// try CivilDate(parsing: "2026-04-01")   // 2026-04-01
    /// try CivilDate(parsing: "2026-4-1")     // throws: expected YYYY-MM-DD
    /// try CivilDate(parsing: "2026-02-30")   // throws: February 2026 has 28 days
    /// ```
    ///
    /// - Throws: ``DateParseError`` naming the text and the reason.
    /// - Complexity: O(1); no allocation unless it throws.
    public init(parsing text: some StringProtocol) throws(DateParseError) {
        var fields = (year: 0, month: 0, day: 0)
        var position = 0
        for byte in text.utf8 {
            defer { position += 1 }
            switch position {
            case 4, 7:
                guard byte == UInt8(ascii: "-") else { throw Self.parseError(text, Self.shapeReason) }
            case 0..<10:
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                    throw Self.parseError(text, Self.shapeReason)
                }
                let digit = Int(byte &- UInt8(ascii: "0"))
                switch position {
                case 0..<4: fields.year = fields.year * 10 + digit
                case 5, 6: fields.month = fields.month * 10 + digit
                default: fields.day = fields.day * 10 + digit
                }
            default:
                throw Self.parseError(text, Self.shapeReason)
            }
        }
        guard position == 10 else { throw Self.parseError(text, Self.shapeReason) }
        if let reason = Self.invalidity(year: fields.year, month: fields.month, day: fields.day) {
            throw Self.parseError(text, reason)
        }
        self.init(validYear: fields.year, month: fields.month, day: fields.day)
    }

    private static let shapeReason = "expected YYYY-MM-DD, as in 2026-04-01"

    private static func parseError(_ text: some StringProtocol, _ reason: String) -> DateParseError {
        DateParseError(text: String(text), reason: reason)
    }
}
