import Testing
import TariffCore

@Suite("ExactDecimal")
struct ExactDecimalTests {
    private func decimal(_ text: String) throws -> ExactDecimal {
        try ExactDecimal(parsing: text)
    }

    @Test func constructionChecksTheScale() throws {
        #expect(try ExactDecimal(significand: 6400, scale: 2).description == "64.00")
        #expect(try ExactDecimal(significand: 1, scale: 18).description == "0.000000000000000001")
        #expect(throws: ArithmeticError.scaleTooLarge(19)) { try ExactDecimal(significand: 1, scale: 19) }
        #expect(throws: ArithmeticError.scaleTooLarge(-1)) { try ExactDecimal(significand: 1, scale: -1) }
        #expect(ExactDecimal(42).scale == 0)
        #expect(ExactDecimal.zero.isZero)
        #expect(ExactDecimal.maxScale == 18)
    }

    @Test(arguments: [
        ("64.0", "64.00"), ("0", "0.000"), ("-0.5", "-0.50"), ("1", "1.000000000000000000"),
    ])
    func equalityAndHashingAreNumeric(left: String, right: String) throws {
        let a = try decimal(left)
        let b = try decimal(right)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        #expect(!(a < b) && !(b < a))
    }

    @Test(arguments: [
        ("1.09", "1.10"), ("-0.5", "0"), ("-1", "-0.99"), ("0.000000000000000001", "0.00000000000000001"),
        ("9223372036854775806", "9223372036854775807"), ("9.223372036854775807", "10"),
        ("-9223372036854775808", "-9.223372036854775808"),
    ])
    func orderingIsNumeric(smaller: String, larger: String) throws {
        let a = try decimal(smaller)
        let b = try decimal(larger)
        #expect(a < b)
        #expect(a != b)
        #expect(max(a, b) == b)
    }

    @Test(arguments: [
        (6400, 2, "64.00"), (-5, 1, "-0.5"), (0, 0, "0"), (0, 2, "0.00"), (5, 3, "0.005"),
        (-5, 3, "-0.005"), (123, 0, "123"), (Int64.min, 0, "-9223372036854775808"),
        (Int64.max, 18, "9.223372036854775807"), (Int64.min, 18, "-9.223372036854775808"),
        (Int64.max, 19 - 1, "9.223372036854775807"),
    ] as [(Int64, Int, String)])
    func descriptionKeepsTheScale(significand: Int64, scale: Int, expected: String) throws {
        #expect(try ExactDecimal(significand: significand, scale: scale).description == expected)
    }

    @Test(arguments: [("64.00", "64"), ("1.50", "1.5"), ("0.000", "0"), ("-2.10", "-2.1"), ("100", "100")])
    func normalizedDropsTrailingZeros(text: String, expected: String) throws {
        #expect(try decimal(text).normalized.description == expected)
    }

    @Test func signs() throws {
        #expect(try decimal("-0.01").isNegative)
        #expect(try !decimal("0.00").isNegative)
        #expect(try decimal("0.00").isZero)
        #expect(try !decimal("0.01").isZero)
    }
}
