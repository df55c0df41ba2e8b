import Testing
import TariffCore

@Suite("ExactDecimal parsing")
struct ExactDecimalParsingTests {
    @Test(arguments: [
        ("64.00", 6400, 2, "64.00"),
        ("-0.5", -5, 1, "-0.5"),
        ("0", 0, 0, "0"),
        ("+3", 3, 0, "3"),
        ("-0", 0, 0, "0"),
        ("007", 7, 0, "7"),
        ("1122.47", 112_247, 2, "1122.47"),
        ("0.000000000000000001", 1, 18, "0.000000000000000001"),
        ("9223372036854775807", Int64.max, 0, "9223372036854775807"),
        ("-9223372036854775808", Int64.min, 0, "-9223372036854775808"),
        ("-9.223372036854775808", Int64.min, 18, "-9.223372036854775808"),
    ] as [(String, Int64, Int, String)])
    func accepts(text: String, significand: Int64, scale: Int, printed: String) throws {
        let value = try ExactDecimal(parsing: text)
        #expect(value.significand == significand)
        #expect(value.scale == scale)
        #expect(value.description == printed)
    }

    @Test func acceptsSubstrings() throws {
        let line = "price: 64.00"
        let value = try ExactDecimal(parsing: line.dropFirst(7))
        #expect(value.description == "64.00")
    }

    @Test(arguments: [
        ("1e3", "exponent notation is not supported"),
        ("1E3", "exponent notation is not supported"),
        ("1,5", "unexpected ','; the decimal separator is '.' and digits are not grouped"),
        ("", "empty text; expected digits"),
        (" 1", "unexpected whitespace"),
        ("1 ", "unexpected whitespace"),
        ("1.", "expected a digit after '.'"),
        (".5", "expected a digit before '.'"),
        (".", "expected a digit before '.'"),
        ("-", "expected digits after the sign"),
        ("+-1", "a sign is allowed only at the start"),
        ("1-", "a sign is allowed only at the start"),
        ("1.2.3", "more than one '.'"),
        ("abc", "unexpected character 'a'"),
        ("NaN", "not a finite number; expected digits"),
        ("-inf", "not a finite number; expected digits"),
        ("1_000", "digit separators are not allowed"),
        ("12€", "unexpected character '€'"),
        ("0.00000000000000000001", "20 fraction digits; at most 18 are supported"),
        ("1000000000000000000000000000000",
         "too many digits: the significand must fit in 64 bits (at most 19 digits)"),
        ("9223372036854775808",
         "too many digits: the significand must fit in 64 bits (at most 19 digits)"),
        ("-9223372036854775809",
         "too many digits: the significand must fit in 64 bits (at most 19 digits)"),
    ])
    func rejects(text: String, reason: String) {
        #expect(throws: DecimalParseError(text: text, reason: reason)) {
            try ExactDecimal(parsing: text)
        }
    }
}
